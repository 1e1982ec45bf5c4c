import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { EscrowLedgerModule, LedgerService, type LedgerTrade, type PostResult } from '@carryover/escrow';
import { buildDataSourceOptions } from '@carryover/migrations';
import { applyBps, BusinessRuleError, ConflictError } from '@carryover/shared';

/** What a settlement can do to a funded trade, in any order: the amounts are fractions of what is paid. */
type Op =
  | { kind: 'partialRefund'; perTenThousand: number }
  | { kind: 'refundRest' }
  | { kind: 'releaseRest'; feeBps: number }
  | { kind: 'payout' };

type Outcome = 'posted' | 'replayed' | 'conflict' | 'insufficient' | 'nothing_to_do';

interface Model {
  paid: bigint;
  held: bigint;
  payable: bigint;
  refunded: bigint;
  fee: bigint;
  paidOut: bigint;
  /** Bodies of the steps posted, to know a replay from a conflict. */
  posted: Map<string, string>;
  partials: number;
}

describe('escrow ledger property: fund, partial refunds, refund or release of the rest, payout', () => {
  let moduleRef: TestingModule;
  let db: DataSource;
  let ledger: LedgerService;
  let parties: { seller: string; buyer: string; lot: string; listing: string; order: string };

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot(buildDataSourceOptions({ url: process.env.DATABASE_URL!, poolSize: 4 })),
        EscrowLedgerModule,
      ],
    }).compile();
    db = moduleRef.get(DataSource);
    ledger = moduleRef.get(LedgerService);
    parties = await marketRows(db);
  });
  afterAll(() => moduleRef.close());

  const newTrade = async (currency: string, grossMinor: bigint): Promise<LedgerTrade> => {
    const fee = applyBps(grossMinor, 500);
    const [row] = (await db.query(
      `INSERT INTO trades (listing_id, order_id, credit_lot_id, seller_organization_id, buyer_organization_id,
         provider_code, currency, quantity_minor, price_bps, gross_minor, fee_bps, fee_minor, seller_proceeds_minor,
         transfer_method, days_to_expiry, requires_provider_approval, status, executed_at)
       VALUES ($1, $2, $3, $4, $5, 'azure-openai', $6, $7, 10000, $7, 500, $8, $9, 'account_transfer', 300, false,
         'funded', now()) RETURNING id`,
      [
        parties.listing,
        parties.order,
        parties.lot,
        parties.seller,
        parties.buyer,
        currency,
        grossMinor.toString(),
        fee.toString(),
        (grossMinor - fee).toString(),
      ],
    )) as Array<{ id: string }>;
    return { id: row!.id, currency };
  };

  const unbalancedJournals = (tradeId: string): Promise<unknown[]> =>
    db.query(
      `SELECT j.id FROM ledger_journals j LEFT JOIN ledger_entries e ON e.journal_id = j.id
        WHERE j.trade_id = $1 GROUP BY j.id HAVING count(e.id) < 2 OR coalesce(sum(e.amount_minor), 0) <> 0`,
      [tradeId],
    );

  interface Planned {
    step: string;
    body: string;
    post: (manager: EntityManager, trade: LedgerTrade) => Promise<PostResult>;
  }

  /** The journal the op posts, with its step and body; null when there is nothing to post. */
  function plan(op: Op, model: Model): Planned | null {
    if (op.kind === 'partialRefund') {
      const share = (model.paid * BigInt(op.perTenThousand)) / 10_000n;
      const amount = share > 0n ? share : 1n;
      const step = `refund:${model.partials + 1}`;
      return { step, body: `${amount}`, post: (m, t) => ledger.refundTrade(m, t, amount, step) };
    }
    if (op.kind === 'refundRest') {
      if (model.held === 0n && !model.posted.has('refund')) return null;
      const amount = model.held === 0n ? 1n : model.held;
      return {
        step: 'refund',
        body: `${amount}`,
        post: (m, t) => ledger.refundTrade(m, t, amount, 'refund'),
      };
    }
    if (op.kind === 'releaseRest') {
      if (model.held === 0n && !model.posted.has('release')) return null;
      const total = model.held === 0n ? 1n : model.held;
      const fee = applyBps(total, op.feeBps);
      const amounts = { proceedsMinor: total - fee, feeMinor: fee };
      return {
        step: 'release',
        body: `${amounts.proceedsMinor}+${amounts.feeMinor}`,
        post: (m, t) => ledger.releaseTrade(m, t, amounts),
      };
    }
    if (model.payable === 0n && !model.posted.has('payout')) return null;
    const amount = model.payable === 0n ? 1n : model.payable;
    return { step: 'payout', body: `${amount}`, post: (m, t) => ledger.payoutSeller(m, t, amount) };
  }

  /** What the ledger must answer, and the model after it. */
  function expectedOutcome(op: Op, model: Model, step: string, body: string): Outcome {
    if (model.posted.has(step)) return model.posted.get(step) === body ? 'replayed' : 'conflict';
    const amount = body.split('+').reduce((sum, part) => sum + BigInt(part), 0n);
    if (op.kind === 'payout') return amount <= model.payable ? 'posted' : 'insufficient';
    return amount <= model.held ? 'posted' : 'insufficient';
  }

  function apply(op: Op, model: Model, step: string, body: string): void {
    model.posted.set(step, body);
    const [first = 0n, second = 0n] = body.split('+').map((part) => BigInt(part));
    if (op.kind === 'partialRefund') model.partials += 1;
    if (op.kind === 'partialRefund' || op.kind === 'refundRest') {
      model.held -= first;
      model.refunded += first;
    } else if (op.kind === 'releaseRest') {
      model.held -= first + second;
      model.payable += first;
      model.fee += second;
    } else {
      model.payable -= first;
      model.paidOut += first;
    }
  }

  const op: fc.Arbitrary<Op> = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('partialRefund' as const),
        perTenThousand: fc.integer({ min: 1, max: 6_000 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('refundRest' as const) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('releaseRest' as const),
        feeBps: fc.integer({ min: 0, max: 10_000 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('payout' as const) }) },
  );

  it('keeps every journal zero-sum, escrow never negative, and paid = held + refunded + released', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('USD', 'EUR'),
        fc.oneof(fc.bigInt({ min: 1n, max: 10_000n }), fc.bigInt({ min: 50n, max: 10n ** 12n })),
        fc.array(op, { minLength: 1, maxLength: 10 }),
        async (currency, gross, ops) => {
          const trade = await newTrade(currency, gross);
          await db.transaction((m) => ledger.fundTrade(m, trade, gross));
          const model: Model = {
            paid: gross,
            held: gross,
            payable: 0n,
            refunded: 0n,
            fee: 0n,
            paidOut: 0n,
            posted: new Map([['fund', `${gross}`]]),
            partials: 0,
          };
          for (const o of ops) {
            const planned = plan(o, model);
            if (!planned) continue;
            const expected = expectedOutcome(o, model, planned.step, planned.body);
            const outcome: Outcome | unknown = await db
              .transaction((m) => planned.post(m, trade))
              .then(
                (r) => (r.replayed ? 'replayed' : 'posted'),
                (e: unknown) =>
                  e instanceof ConflictError
                    ? 'conflict'
                    : e instanceof BusinessRuleError
                      ? 'insufficient'
                      : e,
              );
            expect(outcome).toBe(expected);
            if (expected === 'posted') apply(o, model, planned.step, planned.body);

            expect(await unbalancedJournals(trade.id)).toEqual([]);
            const balances = await ledger.tradeBalances(trade.id);
            expect(balances.escrow_held).toBeGreaterThanOrEqual(0n);
            expect(balances.seller_payable).toBeGreaterThanOrEqual(0n);
            expect(balances).toMatchObject({
              escrow_held: model.held,
              seller_payable: model.payable,
              fee_revenue: model.fee,
              stripe_cash: model.paid - model.refunded - model.paidOut,
            });
            // Nothing is created or lost: what was paid is held, refunded, or released (proceeds + fee).
            const released = model.payable + model.paidOut + model.fee;
            expect(balances.escrow_held + model.refunded + released).toBe(model.paid);
          }
        },
      ),
      { numRuns: 60 },
    );
    expect((await ledger.balances()).balanced).toBe(true);
  }, 180_000);

  it('a refund of all that is left and a release of all that is left each empty escrow exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 2n, max: 10n ** 12n }),
        fc.array(fc.integer({ min: 1, max: 3_000 }), { maxLength: 3 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 10_000 }),
        async (gross, partials, release, feeBps) => {
          const trade = await newTrade('USD', gross);
          await db.transaction((m) => ledger.fundTrade(m, trade, gross));
          let held = gross;
          for (const [i, part] of partials.entries()) {
            const amount = (held * BigInt(part)) / 10_000n;
            if (amount === 0n) continue;
            await db.transaction((m) => ledger.refundTrade(m, trade, amount, `refund:${i + 1}`));
            held -= amount;
          }
          await db.transaction(async (m) => {
            if (!release) return ledger.refundTrade(m, trade, held, 'refund');
            const fee = applyBps(held, feeBps);
            await ledger.releaseTrade(m, trade, { proceedsMinor: held - fee, feeMinor: fee });
            return held - fee > 0n ? ledger.payoutSeller(m, trade, held - fee) : undefined;
          });
          const balances = await ledger.tradeBalances(trade.id);
          expect(balances).toMatchObject({ escrow_held: 0n, seller_payable: 0n });
          expect(await unbalancedJournals(trade.id)).toEqual([]);
          const journals = await ledger.tradeJournals(trade.id);
          const sum = (match: (s: string) => boolean) =>
            journals.filter((j) => match(j.step)).reduce((total, j) => total + j.amountMinor, 0n);
          const refunded = sum((s) => s.startsWith('refund'));
          expect(refunded + sum((s) => s === 'release')).toBe(gross);
          // And more is always refused: escrow is empty.
          await expect(
            db.transaction((m) => ledger.refundTrade(m, trade, 1n, 'refund:99')),
          ).rejects.toMatchObject({
            code: 'escrow_insufficient',
          });
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});

/** One seller, buyer, lot, listing and order that every trade of this suite hangs off. */
async function marketRows(db: DataSource) {
  const one = async (sql: string, params: unknown[] = []): Promise<string> =>
    ((await db.query(sql, params)) as Array<{ id: string }>)[0]!.id;
  const org = `INSERT INTO organizations (name, country, legal_entity_name) VALUES ($1, 'DE', $1) RETURNING id`;
  const seller = await one(org, [`Escrow property seller ${randomUUID()}`]);
  const buyer = await one(org, [`Escrow property buyer ${randomUUID()}`]);
  const lot = await one(
    `INSERT INTO credit_lots (organization_id, provider_code, policy_version, account_reference, face_value_minor,
       currency, expires_at, tradable_until, source, transfer_methods, evidence_statement_reference)
     VALUES ($1, 'azure-openai', 1, 'escrow-property', 100000000, 'USD', now() + interval '300 days',
       now() + interval '290 days', 'prepaid_purchase', ARRAY['account_transfer'], 'INV-ESCROW') RETURNING id`,
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
