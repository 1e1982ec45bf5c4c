import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACCOUNTS: Array<{
  code: string;
  normalSide: 'debit' | 'credit';
  tradeScoped: boolean;
  description: string;
}> = [
  {
    code: 'stripe_cash',
    normalSide: 'debit',
    tradeScoped: false,
    description: "The platform's Stripe balance",
  },
  {
    code: 'escrow_held',
    normalSide: 'credit',
    tradeScoped: true,
    description: "Buyers' payments held for their trades until release or refund",
  },
  {
    code: 'seller_payable',
    normalSide: 'credit',
    tradeScoped: true,
    description: 'Released seller proceeds owed until the Stripe transfer is made',
  },
  {
    code: 'fee_revenue',
    normalSide: 'credit',
    tradeScoped: false,
    description: 'Platform fees earned on releases',
  },
  {
    code: 'stripe_fees',
    normalSide: 'debit',
    tradeScoped: false,
    description: 'Processing fees Stripe charged',
  },
  {
    code: 'refunds',
    normalSide: 'debit',
    tradeScoped: false,
    description: 'Refunds paid from platform funds rather than from escrow (goodwill, post-release disputes)',
  },
];

/**
 * The double-entry ledger. An entry's amount is signed: debit positive, credit negative. The database
 * enforces, at commit, that every journal has at least two entries summing to zero (a journal has one
 * currency, so this is zero-sum per currency) and that a trade-scoped account (escrow_held,
 * seller_payable) never ends a transaction below zero on its normal side for any trade. Journals are
 * unique per (trade, step) or per idempotency key, and all of it is append-only.
 */
export class Ledger1764000800000 implements MigrationInterface {
  name = 'Ledger1764000800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ledger_accounts (
        code text PRIMARY KEY CONSTRAINT ledger_accounts_code_format CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
        normal_side text NOT NULL CONSTRAINT ledger_accounts_normal_side_values CHECK (normal_side IN ('debit', 'credit')),
        trade_scoped boolean NOT NULL,
        description text NOT NULL
          CONSTRAINT ledger_accounts_description_length CHECK (char_length(btrim(description)) BETWEEN 1 AND 500),
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
      )`);
    await queryRunner.query(`
      CREATE TABLE ledger_journals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trade_id uuid REFERENCES trades (id) ON DELETE RESTRICT,
        idempotency_key text
          CONSTRAINT ledger_journals_idempotency_key_length CHECK (char_length(idempotency_key) BETWEEN 1 AND 200),
        step text NOT NULL CONSTRAINT ledger_journals_step_format CHECK (step ~ '^[a-z][a-z0-9_]{0,39}(:[a-z0-9_-]{1,40})?$'),
        currency char(3) NOT NULL CONSTRAINT ledger_journals_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
        description text NOT NULL
          CONSTRAINT ledger_journals_description_length CHECK (char_length(btrim(description)) BETWEEN 1 AND 500),
        posted_at timestamptz NOT NULL DEFAULT now(),
        -- NULL trade ids are distinct, so this binds trade journals only; other journals replay by key.
        CONSTRAINT ledger_journals_trade_step_key UNIQUE (trade_id, step),
        CONSTRAINT ledger_journals_idempotency_key_key UNIQUE (idempotency_key),
        CONSTRAINT ledger_journals_one_replay_key CHECK ((trade_id IS NULL) <> (idempotency_key IS NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE ledger_entries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        journal_id uuid NOT NULL REFERENCES ledger_journals (id) ON DELETE RESTRICT,
        account_code text NOT NULL REFERENCES ledger_accounts (code) ON DELETE RESTRICT ON UPDATE RESTRICT,
        amount_minor bigint NOT NULL CONSTRAINT ledger_entries_amount_non_zero CHECK (amount_minor <> 0)
      )`);
    await queryRunner.query(`CREATE INDEX ledger_entries_journal_idx ON ledger_entries (journal_id)`);
    await queryRunner.query(`CREATE INDEX ledger_entries_account_idx ON ledger_entries (account_code)`);
    for (const a of ACCOUNTS) {
      await queryRunner.query(
        `INSERT INTO ledger_accounts (code, normal_side, trade_scoped, description) VALUES ($1, $2, $3, $4)`,
        [a.code, a.normalSide, a.tradeScoped, a.description],
      );
    }

    // The one key both the service and the commit-time check lock a trade's ledger with.
    await queryRunner.query(`
      CREATE FUNCTION ledger_trade_lock_key(trade_id uuid) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
        SELECT hashtextextended('ledger_trade:' || trade_id::text, 0)
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION ledger_assert_journal_balanced(p_journal_id uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        n bigint;
        total numeric;
      BEGIN
        SELECT count(*), coalesce(sum(amount_minor), 0) INTO n, total
          FROM ledger_entries WHERE journal_id = p_journal_id;
        IF n < 2 OR total <> 0 THEN
          RAISE EXCEPTION 'ledger journal % does not balance', p_journal_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_journals_zero_sum',
                  DETAIL = format('%s entries summing to %s; a journal needs two or more entries summing to zero.', n, total);
        END IF;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION ledger_journals_check() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ledger_assert_journal_balanced(NEW.id);
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION ledger_entries_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_side text;
        v_scoped boolean;
        v_trade uuid;
        v_sum numeric;
      BEGIN
        PERFORM ledger_assert_journal_balanced(NEW.journal_id);
        SELECT normal_side, trade_scoped INTO v_side, v_scoped FROM ledger_accounts WHERE code = NEW.account_code;
        IF NOT v_scoped THEN
          RETURN NULL;
        END IF;
        SELECT trade_id INTO v_trade FROM ledger_journals WHERE id = NEW.journal_id;
        IF v_trade IS NULL THEN
          RAISE EXCEPTION 'ledger account % takes entries only in a trade journal', NEW.account_code
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_entries_trade_scoped';
        END IF;
        -- Serialises concurrent commits for one trade; the next statement then sees every committed entry.
        PERFORM pg_advisory_xact_lock(ledger_trade_lock_key(v_trade));
        SELECT coalesce(sum(e.amount_minor), 0) INTO v_sum
          FROM ledger_entries e JOIN ledger_journals j ON j.id = e.journal_id
         WHERE j.trade_id = v_trade AND e.account_code = NEW.account_code;
        IF (CASE v_side WHEN 'debit' THEN v_sum ELSE -v_sum END) < 0 THEN
          RAISE EXCEPTION 'ledger account % would go negative for trade %', NEW.account_code, v_trade
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_entries_trade_balance_non_negative',
                  DETAIL = format('The %s-normal balance would be %s.', v_side, CASE v_side WHEN 'debit' THEN v_sum ELSE -v_sum END);
        END IF;
        RETURN NULL;
      END
      $$`);
    // Deferred to commit, so the entries of one journal may be inserted one statement at a time.
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER ledger_journals_zero_sum AFTER INSERT ON ledger_journals
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_journals_check()`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER ledger_entries_zero_sum AFTER INSERT ON ledger_entries
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entries_check()`);

    await queryRunner.query(`
      CREATE FUNCTION ledger_journals_match_trade_currency() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.trade_id IS NOT NULL AND NEW.currency <> (SELECT currency FROM trades WHERE id = NEW.trade_id) THEN
          RAISE EXCEPTION 'ledger journal currency % differs from the currency of trade %', NEW.currency, NEW.trade_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_journals_trade_currency';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_journals_trade_currency BEFORE INSERT ON ledger_journals
        FOR EACH ROW EXECUTE FUNCTION ledger_journals_match_trade_currency()`);

    await queryRunner.query(`
      CREATE FUNCTION ledger_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME
          USING DETAIL = format('%s on %s is not allowed.', TG_OP, TG_TABLE_NAME),
                HINT = 'Post a correcting journal instead.';
      END
      $$`);
    for (const table of ['ledger_journals', 'ledger_entries']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION ledger_reject_change()`);
      await queryRunner.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change()`);
    }
    // An account's meaning is fixed once entries may cite it; only its description may change.
    await queryRunner.query(`
      CREATE TRIGGER ledger_accounts_fixed BEFORE UPDATE OF code, normal_side, trade_scoped OR DELETE ON ledger_accounts
        FOR EACH ROW EXECUTE FUNCTION ledger_reject_change()`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_accounts_no_truncate BEFORE TRUNCATE ON ledger_accounts
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ledger_entries`);
    await queryRunner.query(`DROP TABLE ledger_journals`);
    await queryRunner.query(`DROP TABLE ledger_accounts`);
    await queryRunner.query(`DROP FUNCTION ledger_reject_change()`);
    await queryRunner.query(`DROP FUNCTION ledger_journals_match_trade_currency()`);
    await queryRunner.query(`DROP FUNCTION ledger_entries_check()`);
    await queryRunner.query(`DROP FUNCTION ledger_journals_check()`);
    await queryRunner.query(`DROP FUNCTION ledger_assert_journal_balanced(uuid)`);
    await queryRunner.query(`DROP FUNCTION ledger_trade_lock_key(uuid)`);
  }
}
