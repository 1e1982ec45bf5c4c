import type { MigrationInterface, QueryRunner } from 'typeorm';

interface SeedPolicy {
  code: string;
  name: string;
  currencies: string[];
  resale: 'allowed' | 'approval_required' | 'prohibited';
  transferMethods: string[];
  minDaysToExpiry: number;
  sameLegalEntityOnly: boolean;
  notes: string;
  sourceUrl: string;
}

const CONFIRM = 'Example values that an operator must confirm against the current terms before trading.';
const EXPIRY = 'Credits typically expire one year after purchase. Promotional grants are not resaleable.';

// Version 1 of each provider's policy. Later changes are new versions written through the operator API.
const SEED: SeedPolicy[] = [
  {
    code: 'anthropic',
    name: 'Anthropic',
    currencies: ['USD'],
    resale: 'approval_required',
    transferMethods: ['account_transfer', 'invoice_reassignment', 'structured_resale'],
    minDaysToExpiry: 30,
    sameLegalEntityOnly: false,
    notes: `${CONFIRM} Anthropic's commercial terms require its prior approval to resell or transfer credits. ${EXPIRY}`,
    sourceUrl: 'https://www.anthropic.com/legal/commercial-terms',
  },
  {
    code: 'openai',
    name: 'OpenAI',
    currencies: ['USD'],
    resale: 'allowed',
    transferMethods: ['invoice_reassignment', 'structured_resale'],
    minDaysToExpiry: 30,
    sameLegalEntityOnly: false,
    notes: `${CONFIRM} OpenAI forbids reselling account access or API keys, so only invoice reassignment and structured resale are offered. ${EXPIRY}`,
    sourceUrl: 'https://openai.com/policies/services-agreement',
  },
  {
    code: 'azure-openai',
    name: 'Azure OpenAI',
    currencies: ['USD', 'EUR', 'GBP'],
    resale: 'allowed',
    transferMethods: ['account_transfer'],
    minDaysToExpiry: 21,
    sameLegalEntityOnly: true,
    notes: `${CONFIRM} Azure prepayment credits move only within one billing profile, so the buyer must be the same legal entity. ${EXPIRY}`,
    sourceUrl: 'https://azure.microsoft.com/support/legal/',
  },
  {
    code: 'google-vertex',
    name: 'Google Vertex AI',
    currencies: ['USD', 'EUR', 'GBP'],
    resale: 'allowed',
    transferMethods: ['account_transfer'],
    minDaysToExpiry: 21,
    sameLegalEntityOnly: true,
    notes: `${CONFIRM} Google Cloud payments-account credits move only within one legal entity. ${EXPIRY}`,
    sourceUrl: 'https://cloud.google.com/terms',
  },
  {
    code: 'aws-bedrock',
    name: 'Amazon Bedrock',
    currencies: ['USD'],
    resale: 'prohibited',
    transferMethods: [],
    minDaysToExpiry: 30,
    sameLegalEntityOnly: true,
    notes: `${CONFIRM} AWS credit terms forbid selling or transferring credits outside the account they were issued to. ${EXPIRY}`,
    sourceUrl: 'https://aws.amazon.com/awscredits/',
  },
  {
    code: 'mistral',
    name: 'Mistral AI',
    currencies: ['EUR', 'USD'],
    resale: 'allowed',
    transferMethods: ['account_transfer', 'invoice_reassignment', 'structured_resale'],
    minDaysToExpiry: 14,
    sameLegalEntityOnly: false,
    notes: `${CONFIRM} ${EXPIRY}`,
    sourceUrl: 'https://mistral.ai/terms',
  },
  {
    code: 'cohere',
    name: 'Cohere',
    currencies: ['USD'],
    resale: 'approval_required',
    transferMethods: ['invoice_reassignment', 'structured_resale'],
    minDaysToExpiry: 30,
    sameLegalEntityOnly: false,
    notes: `${CONFIRM} Cohere's terms require its consent to assign the agreement or its credits. ${EXPIRY}`,
    sourceUrl: 'https://cohere.com/terms-of-use',
  },
];

export class Catalog1764000300000 implements MigrationInterface {
  name = 'Catalog1764000300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE providers (
        code text PRIMARY KEY CONSTRAINT providers_code_format CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
        name text NOT NULL CONSTRAINT providers_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 100),
        currencies char(3)[] NOT NULL
          CONSTRAINT providers_currencies_present CHECK (cardinality(currencies) >= 1),
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
      )`);
    await queryRunner.query(`
      CREATE TABLE provider_policies (
        provider_code text NOT NULL REFERENCES providers (code) ON DELETE RESTRICT,
        version integer NOT NULL CONSTRAINT provider_policies_version_positive CHECK (version >= 1),
        resale text NOT NULL
          CONSTRAINT provider_policies_resale_values CHECK (resale IN ('allowed', 'approval_required', 'prohibited')),
        transfer_methods text[] NOT NULL CONSTRAINT provider_policies_transfer_methods_values
          CHECK (transfer_methods <@ ARRAY['account_transfer', 'invoice_reassignment', 'structured_resale']),
        min_days_to_expiry integer NOT NULL
          CONSTRAINT provider_policies_min_days_range CHECK (min_days_to_expiry BETWEEN 0 AND 365),
        resaleable_sources text[] NOT NULL CONSTRAINT provider_policies_sources_values
          CHECK (resaleable_sources <@ ARRAY['prepaid_purchase', 'commitment', 'promotional_grant']),
        buyer_same_legal_entity_only boolean NOT NULL,
        buyer_regions char(2)[],
        max_lot_face_value_minor bigint CONSTRAINT provider_policies_max_lot_positive CHECK (max_lot_face_value_minor > 0),
        notes text NOT NULL,
        source_url text,
        created_by_user_id uuid REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        PRIMARY KEY (provider_code, version)
      )`);
    // A policy version is evidence for every check that cited it, so versions are never changed or removed.
    await queryRunner.query(`
      CREATE FUNCTION provider_policies_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'provider_policies versions are immutable: write a new version instead'
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER provider_policies_no_update_or_delete BEFORE UPDATE OR DELETE ON provider_policies
      FOR EACH ROW EXECUTE FUNCTION provider_policies_immutable()`);
    await queryRunner.query(`
      CREATE TRIGGER provider_policies_no_truncate BEFORE TRUNCATE ON provider_policies
      FOR EACH STATEMENT EXECUTE FUNCTION provider_policies_immutable()`);

    for (const p of SEED) {
      await queryRunner.query(`INSERT INTO providers (code, name, currencies) VALUES ($1, $2, $3)`, [
        p.code,
        p.name,
        p.currencies,
      ]);
      await queryRunner.query(
        `INSERT INTO provider_policies (provider_code, version, resale, transfer_methods, min_days_to_expiry,
           resaleable_sources, buyer_same_legal_entity_only, buyer_regions, max_lot_face_value_minor, notes, source_url)
         VALUES ($1, 1, $2, $3, $4, ARRAY['prepaid_purchase', 'commitment'], $5, NULL, NULL, $6, $7)`,
        [p.code, p.resale, p.transferMethods, p.minDaysToExpiry, p.sameLegalEntityOnly, p.notes, p.sourceUrl],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE provider_policies`);
    await queryRunner.query(`DROP FUNCTION provider_policies_immutable()`);
    await queryRunner.query(`DROP TABLE providers`);
  }
}
