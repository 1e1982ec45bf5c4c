import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface TestPolicy {
  resale?: 'allowed' | 'approval_required' | 'prohibited';
  transferMethods?: string[];
  minDaysToExpiry?: number;
  resaleableSources?: string[];
  sameLegalEntityOnly?: boolean;
  regions?: string[] | null;
  maxLotFaceValueMinor?: number | null;
  currencies?: string[];
}

/**
 * A provider of the test's own with policy version 1, so a test that edits policies or depends on their
 * exact values never races another test file over the seeded providers.
 */
export async function createTestProvider(db: DataSource, policy: TestPolicy = {}): Promise<string> {
  const code = `test-${randomUUID().slice(0, 8)}`;
  await db.query(`INSERT INTO providers (code, name, currencies) VALUES ($1, $2, $3)`, [
    code,
    `Test AI ${code}`,
    policy.currencies ?? ['USD'],
  ]);
  await db.query(
    `INSERT INTO provider_policies (provider_code, version, resale, transfer_methods, min_days_to_expiry,
       resaleable_sources, buyer_same_legal_entity_only, buyer_regions, max_lot_face_value_minor, notes, source_url)
     VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, 'test policy', NULL)`,
    [
      code,
      policy.resale ?? 'allowed',
      policy.transferMethods ?? ['account_transfer', 'invoice_reassignment', 'structured_resale'],
      policy.minDaysToExpiry ?? 14,
      policy.resaleableSources ?? ['prepaid_purchase', 'commitment'],
      policy.sameLegalEntityOnly ?? false,
      policy.regions ?? null,
      policy.maxLotFaceValueMinor ?? null,
    ],
  );
  return code;
}
