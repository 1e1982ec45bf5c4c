import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AccountTotalsRow } from './ledger-balances';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { LedgerJournalEntity } from './ledger-journal.entity';
import type { LedgerAccountCode, LedgerEntry, LedgerJournal } from './ledger.types';

export type JournalKey = { tradeId: string; step: string } | { idempotencyKey: string };

export interface NewJournal {
  tradeId: string | null;
  idempotencyKey: string | null;
  step: string;
  currency: string;
  description: string;
  postedAt: Date;
}

/** The only code that reads or writes the ledger tables. */
@Injectable()
export class LedgerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Held until the transaction ends; the database's commit-time check takes the same lock. */
  async lockTrade(manager: EntityManager, tradeId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(ledger_trade_lock_key($1::uuid))', [tradeId]);
  }

  async findJournal(manager: EntityManager, key: JournalKey): Promise<LedgerJournal | null> {
    const where =
      'tradeId' in key ? { tradeId: key.tradeId, step: key.step } : { idempotencyKey: key.idempotencyKey };
    const row = await manager.getRepository(LedgerJournalEntity).findOne({ where });
    if (!row) return null;
    const entries = await manager
      .getRepository(LedgerEntryEntity)
      .find({ where: { journalId: row.id }, order: { id: 'ASC' } });
    return { ...row, entries: entries.map((e) => ({ account: e.accountCode, amountMinor: e.amountMinor })) };
  }

  /**
   * A trade's journal for `step`, if posted, and the trade's signed sum per account, in one read (under the
   * trade's ledger lock, taken before). The journal is only its id: a replay reads it with findJournal.
   */
  async tradePostingState(
    manager: EntityManager,
    tradeId: string,
    step: string,
  ): Promise<{ existingId: string | null; sums: Map<LedgerAccountCode, bigint> }> {
    const [row] = (await manager.query(
      `SELECT (SELECT id FROM ledger_journals WHERE trade_id = $1 AND step = $2) AS existing_id,
              (SELECT coalesce(json_object_agg(account, total), '{}') FROM (
                 SELECT e.account_code AS account, sum(e.amount_minor)::text AS total
                   FROM ledger_journals j JOIN ledger_entries e ON e.journal_id = j.id
                  WHERE j.trade_id = $1
                  GROUP BY e.account_code) totals) AS sums`,
      [tradeId, step],
    )) as Array<{ existing_id: string | null; sums: Record<string, string> }>;
    const sums = Object.entries(row?.sums ?? {}).map(([account, total]) => [account, BigInt(total)] as const);
    return { existingId: row?.existing_id ?? null, sums: new Map(sums) as Map<LedgerAccountCode, bigint> };
  }

  /** Inserts the journal and its entries in one statement; null when a journal with the same key exists. */
  async insertJournal(
    manager: EntityManager,
    journal: NewJournal,
    entries: LedgerEntry[],
  ): Promise<string | null> {
    const inserted = (await manager.query(
      `WITH journal AS (
         INSERT INTO ledger_journals (trade_id, idempotency_key, step, currency, description, posted_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING
         RETURNING id),
       entries AS (
         INSERT INTO ledger_entries (journal_id, account_code, amount_minor)
         SELECT journal.id, e.account, e.amount
           FROM journal, unnest($7::text[], $8::bigint[]) WITH ORDINALITY AS e (account, amount, n)
          ORDER BY e.n)
       SELECT id FROM journal`,
      [
        journal.tradeId,
        journal.idempotencyKey,
        journal.step,
        journal.currency,
        journal.description,
        journal.postedAt,
        entries.map((e) => e.account),
        entries.map((e) => e.amountMinor.toString()),
      ],
    )) as Array<{ id: string }>;
    return inserted[0]?.id ?? null;
  }

  /** The trade's signed sum per account (debit positive). */
  async tradeSums(
    manager: EntityManager | undefined,
    tradeId: string,
  ): Promise<Map<LedgerAccountCode, bigint>> {
    const rows = (await (manager ?? this.dataSource.manager).query(
      `SELECT e.account_code AS account, sum(e.amount_minor)::text AS sum
         FROM ledger_journals j JOIN ledger_entries e ON e.journal_id = j.id
        WHERE j.trade_id = $1
        GROUP BY e.account_code`,
      [tradeId],
    )) as Array<{ account: LedgerAccountCode; sum: string }>;
    return new Map(rows.map((r) => [r.account, BigInt(r.sum)]));
  }

  /** Per journal of the trade and account: the signed sum and the debits, in one read. */
  async tradeJournalAccounts(
    manager: EntityManager | undefined,
    tradeId: string,
  ): Promise<
    Array<{
      journalId: string;
      step: string;
      currency: string;
      postedAt: Date;
      account: LedgerAccountCode;
      sum: bigint;
      debits: bigint;
    }>
  > {
    const rows = (await (manager ?? this.dataSource.manager).query(
      `SELECT j.id, j.step, j.currency, j.posted_at, e.account_code AS account, sum(e.amount_minor)::text AS sum,
              coalesce(sum(e.amount_minor) FILTER (WHERE e.amount_minor > 0), 0)::text AS debits
         FROM ledger_journals j JOIN ledger_entries e ON e.journal_id = j.id
        WHERE j.trade_id = $1
        GROUP BY j.id, j.step, j.currency, j.posted_at, e.account_code`,
      [tradeId],
    )) as Array<{
      id: string;
      step: string;
      currency: string;
      posted_at: Date;
      account: LedgerAccountCode;
      sum: string;
      debits: string;
    }>;
    return rows.map((r) => ({
      journalId: r.id,
      step: r.step,
      currency: r.currency,
      postedAt: r.posted_at,
      account: r.account,
      sum: BigInt(r.sum),
      debits: BigInt(r.debits),
    }));
  }

  /** Each of the trade's journals by step: its currency and its size (the sum of its debits). */
  async tradeJournalTotals(
    manager: EntityManager | undefined,
    tradeId: string,
  ): Promise<Array<{ step: string; currency: string; amountMinor: bigint }>> {
    const rows = (await (manager ?? this.dataSource.manager).query(
      `SELECT j.step, j.currency, sum(e.amount_minor) FILTER (WHERE e.amount_minor > 0)::text AS amount
         FROM ledger_journals j JOIN ledger_entries e ON e.journal_id = j.id
        WHERE j.trade_id = $1
        GROUP BY j.id, j.step, j.currency
        ORDER BY min(j.posted_at), j.step`,
      [tradeId],
    )) as Array<{ step: string; currency: string; amount: string }>;
    return rows.map((r) => ({ step: r.step, currency: r.currency, amountMinor: BigInt(r.amount) }));
  }

  /** Debit and credit totals per account and currency, over the whole ledger. */
  async accountTotals(manager?: EntityManager): Promise<AccountTotalsRow[]> {
    const rows = (await (manager ?? this.dataSource.manager).query(
      `SELECT e.account_code AS account, j.currency,
              coalesce(sum(e.amount_minor) FILTER (WHERE e.amount_minor > 0), 0)::text AS debit,
              coalesce(-sum(e.amount_minor) FILTER (WHERE e.amount_minor < 0), 0)::text AS credit
         FROM ledger_entries e JOIN ledger_journals j ON j.id = e.journal_id
        GROUP BY j.currency, e.account_code
        ORDER BY j.currency, e.account_code`,
    )) as Array<{ account: LedgerAccountCode; currency: string; debit: string; credit: string }>;
    return rows.map((r) => ({
      account: r.account,
      currency: r.currency,
      debitMinor: BigInt(r.debit),
      creditMinor: BigInt(r.credit),
    }));
  }
}
