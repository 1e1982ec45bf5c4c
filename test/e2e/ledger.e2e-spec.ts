import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { EscrowLedgerModule, LedgerService, type LedgerTrade } from '@carryover/escrow';
import { buildDataSourceOptions } from '@carryover/migrations';
import { BusinessRuleError, ConflictError, computeTradeAmounts } from '@carryover/shared';

interface Trade extends LedgerTrade {
  grossMinor: bigint;
  feeMinor: bigint;
  sellerProceedsMinor: bigint;
}

/** One seller, buyer, lot, listing and order that every trade of this suite hangs off. */
async function insertMarketRows(db: DataSource): Promise<Record<string, string>> {
  const one = async (sql: string, params: unknown[] = []): Promise<string> =>
    ((await db.query(sql, params)) as Array<{ id: string }>)[0]!.id;
  const org = `INSERT INTO organizations (name, country, legal_entity_name) VALUES ($1, 'DE', $1) RETURNING id`;
  const seller = await one(org, [`Ledger seller ${randomUUID()}`]);
  const buyer = await one(org, [`Ledger buyer ${randomUUID()}`]);
  const lot = await one(
    `INSERT INTO credit_lots (organization_id, provider_code, policy_version, account_reference, face_value_minor,
       currency, expires_at, tradable_until, source, transfer_methods, evidence_statement_reference)
     VALUES ($1, 'azure-openai', 1, 'ledger-e2e', 100000000, 'USD', now() + interval '300 days',
       now() + interval '290 days', 'prepaid_purchase', ARRAY['account_transfer'], 'INV-LEDGER') RETURNING id`,
    [seller],
  );
  const listing = await one(
    `INSERT INTO listings (organization_id, credit_lot_id, provider_code, currency, quantity_minor, remaining_minor,
       price_bps, effective_price_bps, expires_at, tradable_until, transfer_methods, status)
     VALUES ($1, $2, 'azure-openai', 'USD', 100000000, 100000000, 7200, 7200, now() + interval '300 days',
       now() + interval '290 days', ARRAY['account_transfer'], 'active') RETURNING id`,
    [seller, lot],
  );
  const order = await one(
    `INSERT INTO buy_orders (organization_id, provider_code, currency, quantity_minor, remaining_minor,
       max_price_bps, time_in_force, status)
     VALUES ($1, 'azure-openai', 'USD', 100000000, 100000000, 8000, 'GTC', 'open') RETURNING id`,
    [buyer],
  );
  return { seller, buyer, lot, listing, order };
}

describe('ledger (Postgres)', () => {
  let moduleRef: TestingModule;
  let db: DataSource;
  let ledger: LedgerService;
  let market: Record<string, string>;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot(buildDataSourceOptions({ url: process.env.DATABASE_URL!, poolSize: 8 })),
        EscrowLedgerModule,
      ],
    }).compile();
    db = moduleRef.get(DataSource);
    ledger = moduleRef.get(LedgerService);
    market = await insertMarketRows(db);
  });
  afterAll(() => moduleRef.close());

  /** A trade row of `quantityMinor` credit at 72% with a 5% fee. */
  const newTrade = async (currency = 'USD', quantityMinor = 1_000_000n): Promise<Trade> => {
    const amounts = computeTradeAmounts(quantityMinor, 7200, 500);
    const rows = (await db.query(
      `INSERT INTO trades (listing_id, order_id, credit_lot_id, seller_organization_id, buyer_organization_id,
         provider_code, currency, quantity_minor, price_bps, gross_minor, fee_bps, fee_minor, seller_proceeds_minor,
         transfer_method, days_to_expiry, requires_provider_approval, status, executed_at)
       VALUES ($1, $2, $3, $4, $5, 'azure-openai', $6, $7, 7200, $8, 500, $9, $10, 'account_transfer', 300, false,
         'awaiting_payment', now()) RETURNING id`,
      [
        market.listing,
        market.order,
        market.lot,
        market.seller,
        market.buyer,
        currency,
        quantityMinor.toString(),
      ].concat([amounts.grossMinor, amounts.feeMinor, amounts.sellerProceedsMinor].map(String)),
    )) as Array<{ id: string }>;
    return { id: rows[0]!.id, currency, ...amounts };
  };

  const tx = <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => db.transaction(work);

  /** Runs raw statements that each succeed, and returns the error the commit fails with. */
  const commitError = async (work: (manager: EntityManager) => Promise<unknown>): Promise<unknown> => {
    let statementsRan = false;
    const error = await tx(async (manager) => {
      await work(manager);
      statementsRan = true;
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(statementsRan).toBe(true);
    return error;
  };

  const rawJournal = async (
    manager: EntityManager,
    tradeId: string | null,
    currency = 'USD',
  ): Promise<string> => {
    const rows = (await manager.query(
      `INSERT INTO ledger_journals (trade_id, idempotency_key, step, currency, description)
       VALUES ($1, $2, 'adjustment', $3, 'raw e2e journal') RETURNING id`,
      [tradeId, tradeId === null ? randomUUID() : null, currency],
    )) as Array<{ id: string }>;
    return rows[0]!.id;
  };

  const rawEntry = (manager: EntityManager, journalId: string, account: string, amount: bigint) =>
    manager.query(`INSERT INTO ledger_entries (journal_id, account_code, amount_minor) VALUES ($1, $2, $3)`, [
      journalId,
      account,
      amount.toString(),
    ]);

  /** Journals of the trade whose entries do not sum to zero or that have fewer than two entries. */
  const unbalancedJournals = async (tradeId: string): Promise<unknown[]> =>
    db.query(
      `SELECT j.id FROM ledger_journals j LEFT JOIN ledger_entries e ON e.journal_id = j.id
        WHERE j.trade_id = $1 GROUP BY j.id HAVING count(e.id) < 2 OR coalesce(sum(e.amount_minor), 0) <> 0`,
      [tradeId],
    );

  it('posts a balanced journal once per idempotency key', async () => {
    const idempotencyKey = `stripe-fee-${randomUUID()}`;
    const command = {
      idempotencyKey,
      step: 'stripe_fee',
      currency: 'USD',
      description: 'Monthly Stripe fee',
      lines: [
        { account: 'stripe_fees', debitMinor: 1_250n },
        { account: 'stripe_cash', creditMinor: 1_250n },
      ],
    } as const;
    const first = await tx((m) => ledger.post(m, command));
    expect(first.replayed).toBe(false);
    const again = await tx((m) => ledger.post(m, command));
    expect(again).toMatchObject({ replayed: true, journal: { id: first.journal.id } });
    const rows = (await db.query(
      `SELECT account_code, amount_minor::text AS amount FROM ledger_entries WHERE journal_id = $1 ORDER BY id`,
      [first.journal.id],
    )) as Array<{ account_code: string; amount: string }>;
    expect(rows).toEqual([
      { account_code: 'stripe_fees', amount: '1250' },
      { account_code: 'stripe_cash', amount: '-1250' },
    ]);
  });

  it('has the database reject an unbalanced or empty journal at commit', async () => {
    const unbalanced = await commitError(async (m) => {
      const journal = await rawJournal(m, null);
      await rawEntry(m, journal, 'stripe_cash', 100n);
      await rawEntry(m, journal, 'fee_revenue', -99n);
    });
    expect(unbalanced).toMatchObject({ code: '23514', constraint: 'ledger_journals_zero_sum' });
    const empty = await commitError((m) => rawJournal(m, null));
    expect(empty).toMatchObject({ code: '23514', constraint: 'ledger_journals_zero_sum' });
    const oneSided = await commitError(async (m) =>
      rawEntry(m, await rawJournal(m, null), 'stripe_cash', 5n),
    );
    expect(oneSided).toMatchObject({ constraint: 'ledger_journals_zero_sum' });
    const [{ count }] = (await db.query(
      `SELECT count(*)::int AS count FROM ledger_journals WHERE description = 'raw e2e journal'`,
    )) as Array<{ count: number }>;
    expect(count).toBe(0);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the ledger', async () => {
    const trade = await newTrade();
    const { journal } = await tx((m) => ledger.fundTrade(m, trade, 100n));
    await expect(
      db.query(`UPDATE ledger_entries SET amount_minor = amount_minor * 2 WHERE journal_id = $1`, [
        journal.id,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM ledger_entries WHERE journal_id = $1`, [journal.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(
      db.query(`UPDATE ledger_journals SET step = 'payout' WHERE id = $1`, [journal.id]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE ledger_entries`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM ledger_accounts WHERE code = 'refunds'`)).rejects.toThrow(
      /append-only/,
    );
    expect(await ledger.escrowHeld(trade.id)).toBe(100n);
  });

  it('posts a (trade, step) once, even when replayed concurrently, and refuses a different body', async () => {
    const trade = await newTrade();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => tx((m) => ledger.fundTrade(m, trade, trade.grossMinor))),
    );
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.journal.id)).size).toBe(1);
    await expect(tx((m) => ledger.fundTrade(m, trade, trade.grossMinor + 1n))).rejects.toThrow(ConflictError);
    expect(await ledger.escrowHeld(trade.id)).toBe(trade.grossMinor);
    const [{ count }] = (await db.query(
      `SELECT count(*)::int AS count FROM ledger_journals WHERE trade_id = $1`,
      [trade.id],
    )) as Array<{ count: number }>;
    expect(count).toBe(1);
  });

  it('funds, releases and pays out: escrow and payable end at zero, the fee stays as revenue and cash', async () => {
    const trade = await newTrade('EUR');
    expect(trade).toMatchObject({ grossMinor: 720_000n, feeMinor: 36_000n, sellerProceedsMinor: 684_000n });
    await tx(async (m) => {
      await ledger.fundTrade(m, trade, trade.grossMinor);
      await ledger.releaseTrade(m, trade, {
        proceedsMinor: trade.sellerProceedsMinor,
        feeMinor: trade.feeMinor,
      });
    });
    expect(await ledger.tradeBalances(trade.id)).toMatchObject({ escrow_held: 0n, seller_payable: 684_000n });
    await tx((m) => ledger.payoutSeller(m, trade, trade.sellerProceedsMinor));
    expect(await ledger.tradeBalances(trade.id)).toEqual({
      stripe_cash: 36_000n,
      escrow_held: 0n,
      seller_payable: 0n,
      fee_revenue: 36_000n,
      stripe_fees: 0n,
      refunds: 0n,
    });
    await expect(tx((m) => ledger.payoutSeller(m, trade, 1n))).rejects.toThrow(ConflictError);
  });

  it('refunds in parts down to zero and rejects a refund beyond what escrow holds', async () => {
    const trade = await newTrade();
    await tx((m) => ledger.fundTrade(m, trade, 1_000n));
    await tx((m) => ledger.refundTrade(m, trade, 300n, 'refund:1'));
    await expect(tx((m) => ledger.refundTrade(m, trade, 701n, 'refund:2'))).rejects.toThrow(
      BusinessRuleError,
    );
    await tx((m) => ledger.refundTrade(m, trade, 700n, 'refund:2'));
    expect(await ledger.tradeBalances(trade.id)).toMatchObject({ escrow_held: 0n, stripe_cash: 0n });
    await expect(tx((m) => ledger.refundTrade(m, trade, 1n, 'refund:3'))).rejects.toMatchObject({
      code: 'escrow_insufficient',
    });
    // A replay of an earlier partial refund is still a no-op, though escrow is now empty.
    expect((await tx((m) => ledger.refundTrade(m, trade, 300n, 'refund:1'))).replayed).toBe(true);
    expect(await ledger.escrowHeld(trade.id)).toBe(0n);
  });

  it('lets only one of several concurrent refunds draw the same escrow', async () => {
    const trade = await newTrade();
    await tx((m) => ledger.fundTrade(m, trade, 1_000n));
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map((n) => tx((m) => ledger.refundTrade(m, trade, 600n, `refund:${n}`))),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(await ledger.escrowHeld(trade.id)).toBe(400n);
  });

  it('has the database refuse, at commit, an escrow overdraw or a journal in the wrong currency', async () => {
    const trade = await newTrade();
    await tx((m) => ledger.fundTrade(m, trade, 500n));
    const overdraw = await commitError(async (m) => {
      const journal = await rawJournal(m, trade.id);
      await rawEntry(m, journal, 'escrow_held', 501n);
      await rawEntry(m, journal, 'stripe_cash', -501n);
    });
    expect(overdraw).toMatchObject({
      code: '23514',
      constraint: 'ledger_entries_trade_balance_non_negative',
    });
    await expect(tx((m) => rawJournal(m, trade.id, 'GBP'))).rejects.toMatchObject({
      constraint: 'ledger_journals_trade_currency',
    });
    const untraded = await commitError(async (m) => {
      const journal = await rawJournal(m, null);
      await rawEntry(m, journal, 'stripe_cash', 5n);
      await rawEntry(m, journal, 'escrow_held', -5n);
    });
    expect(untraded).toMatchObject({ constraint: 'ledger_entries_trade_scoped' });
    expect(await ledger.escrowHeld(trade.id)).toBe(500n);
  });

  type Op =
    | { kind: 'fund' | 'refund' | 'partialRefund' | 'payout'; amount: bigint }
    | { kind: 'release'; amount: bigint; fee: bigint };

  it('keeps every journal zero-sum and escrow never negative over random fund, release and refund streams', async () => {
    const amount = fc.oneof(fc.bigInt({ min: 1n, max: 1_000n }), fc.bigInt({ min: 1n, max: 10n ** 13n }));
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constantFrom('fund', 'refund', 'partialRefund', 'payout'), amount }),
      fc.record({ kind: fc.constant('release'), amount, fee: fc.bigInt({ min: 0n, max: 500n }) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('USD', 'EUR', 'GBP'),
        fc.array(op, { minLength: 1, maxLength: 8 }),
        async (currency, ops) => {
          const trade = await newTrade(currency);
          const model = { held: 0n, payable: 0n, posted: new Map<string, string>(), partials: 0 };
          for (const o of ops) {
            const step =
              o.kind === 'partialRefund' ? `refund:${++model.partials}` : o.kind === 'fund' ? 'fund' : o.kind;
            const body = o.kind === 'release' ? `${o.amount}+${o.fee}` : `${o.amount}`;
            const held =
              model.held +
              (o.kind === 'fund' ? o.amount : 0n) -
              (o.kind === 'release' ? o.amount + o.fee : 0n);
            const drawn = o.kind === 'refund' || o.kind === 'partialRefund' ? o.amount : 0n;
            const payable =
              model.payable + (o.kind === 'release' ? o.amount : 0n) - (o.kind === 'payout' ? o.amount : 0n);
            const expected = model.posted.has(step)
              ? model.posted.get(step) === body
                ? 'replayed'
                : 'conflict'
              : held - drawn < 0n || payable < 0n
                ? 'insufficient'
                : 'posted';

            const outcome = await tx((m) => {
              if (o.kind === 'fund') return ledger.fundTrade(m, trade, o.amount);
              if (o.kind === 'release')
                return ledger.releaseTrade(m, trade, { proceedsMinor: o.amount, feeMinor: o.fee });
              if (o.kind === 'payout') return ledger.payoutSeller(m, trade, o.amount);
              return ledger.refundTrade(m, trade, o.amount, step);
            }).then(
              (r) => (r.replayed ? 'replayed' : 'posted'),
              (e: unknown) =>
                e instanceof ConflictError ? 'conflict' : e instanceof BusinessRuleError ? 'insufficient' : e,
            );
            expect(outcome).toBe(expected);
            if (expected === 'posted') {
              model.posted.set(step, body);
              model.held = held - drawn;
              model.payable = payable;
            }
            expect(await unbalancedJournals(trade.id)).toEqual([]);
            const balances = await ledger.tradeBalances(trade.id);
            expect(balances.escrow_held).toBeGreaterThanOrEqual(0n);
            expect(balances).toMatchObject({ escrow_held: model.held, seller_payable: model.payable });
          }
        },
      ),
      { numRuns: 40 },
    );
    const ledgerWide = await ledger.balances();
    expect(ledgerWide.balanced).toBe(true);
    expect(ledgerWide.currencies.map((c) => c.currency)).toEqual(expect.arrayContaining(['EUR', 'USD']));
  }, 120_000);

  it('reports balances per account and currency, balanced overall', async () => {
    const balances = await ledger.balances();
    expect(balances.balanced).toBe(true);
    for (const c of balances.currencies) expect(c.debitMinor).toBe(c.creditMinor);
    const escrow = balances.accounts.find((a) => a.account === 'escrow_held' && a.currency === 'USD');
    expect(escrow?.balanceMinor).toBe((escrow?.creditMinor ?? 0n) - (escrow?.debitMinor ?? 0n));
    expect(escrow?.balanceMinor).toBeGreaterThanOrEqual(0n);
  });
});
