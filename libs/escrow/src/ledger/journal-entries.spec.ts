import fc from 'fast-check';
import { BusinessRuleError, ValidationError } from '@carryover/shared';
import {
  assertZeroSum,
  buildJournalEntries,
  netByAccount,
  onNormalSide,
  sameEntries,
  toEntries,
} from './journal-entries';
import type { PostJournalCommand } from './ledger.types';

const command = (overrides: Partial<PostJournalCommand> = {}): PostJournalCommand => ({
  idempotencyKey: 'adjustment-1',
  step: 'adjustment',
  currency: 'USD',
  description: 'Stripe fee correction',
  lines: [
    { account: 'stripe_fees', debitMinor: 30n },
    { account: 'stripe_cash', creditMinor: 30n },
  ],
  ...overrides,
});

describe('journal entries', () => {
  it('signs debits positive and credits negative', () => {
    expect(
      toEntries([
        { account: 'stripe_cash', debitMinor: 1_000n },
        { account: 'escrow_held', creditMinor: 1_000n },
      ]),
    ).toEqual([
      { account: 'stripe_cash', amountMinor: 1_000n },
      { account: 'escrow_held', amountMinor: -1_000n },
    ]);
  });

  it.each([0n, -5n])('refuses a line amount of %p', (amount) => {
    expect(() => toEntries([{ account: 'stripe_cash', debitMinor: amount }])).toThrow(ValidationError);
  });

  it('refuses a line that is both a debit and a credit, or names an unknown account', () => {
    const both = { account: 'stripe_cash', debitMinor: 1n, creditMinor: 1n } as never;
    expect(() => toEntries([both])).toThrow(ValidationError);
    const unknown = { account: 'petty_cash', debitMinor: 1n } as never;
    expect(() => toEntries([unknown])).toThrow(ValidationError);
  });

  it('accepts a zero-sum journal and rejects an unbalanced or one-sided one', () => {
    expect(buildJournalEntries(command())).toHaveLength(2);
    expect(() =>
      assertZeroSum([
        { account: 'stripe_cash', amountMinor: 10n },
        { account: 'escrow_held', amountMinor: -9n },
      ]),
    ).toThrow(BusinessRuleError);
    expect(() => assertZeroSum([])).toThrow(BusinessRuleError);
  });

  it('needs exactly one of a trade id and an idempotency key', () => {
    expect(() => buildJournalEntries(command({ idempotencyKey: undefined }))).toThrow(ValidationError);
    expect(() => buildJournalEntries(command({ tradeId: 'a-trade' }))).toThrow(ValidationError);
  });

  it('keeps escrow and seller payables to trade journals', () => {
    const lines = [
      { account: 'stripe_cash', debitMinor: 5n },
      { account: 'escrow_held', creditMinor: 5n },
    ] as const;
    expect(() => buildJournalEntries(command({ lines }))).toThrow(/only for a trade/);
  });

  it.each(['Release', 'refund:', 'refund:1:2', ''])('rejects the step %p', (step) => {
    expect(() => buildJournalEntries(command({ step }))).toThrow(ValidationError);
  });

  it('compares entries as a multiset', () => {
    const a = [
      { account: 'stripe_cash' as const, amountMinor: 3n },
      { account: 'escrow_held' as const, amountMinor: -3n },
    ];
    expect(sameEntries(a, [...a].reverse())).toBe(true);
    expect(sameEntries(a, [a[0]!, { account: 'escrow_held', amountMinor: -4n }])).toBe(false);
    expect(sameEntries(a, [a[0]!])).toBe(false);
  });

  it('reads balances on the normal side and nets changes per account', () => {
    expect(onNormalSide('stripe_cash', 7n)).toBe(7n);
    expect(onNormalSide('escrow_held', -7n)).toBe(7n);
    const net = netByAccount([
      { account: 'escrow_held', amountMinor: 4n },
      { account: 'escrow_held', amountMinor: 6n },
      { account: 'stripe_cash', amountMinor: -10n },
    ]);
    expect([...net]).toEqual([
      ['escrow_held', 10n],
      ['stripe_cash', -10n],
    ]);
  });

  it('accepts any split of a debit into credits and rejects any off-by-some', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 15n }), { minLength: 1, maxLength: 5 }),
        fc.bigInt({ min: 1n, max: 1_000n }),
        (credits, skew) => {
          const total = credits.reduce((s, c) => s + c, 0n);
          const lines = credits.map((c) => ({ account: 'fee_revenue' as const, creditMinor: c }));
          const balanced = [{ account: 'stripe_cash' as const, debitMinor: total }, ...lines];
          const skewed = [{ account: 'stripe_cash' as const, debitMinor: total + skew }, ...lines];
          expect(buildJournalEntries(command({ lines: balanced }))).toHaveLength(credits.length + 1);
          expect(() => buildJournalEntries(command({ lines: skewed }))).toThrow(BusinessRuleError);
        },
      ),
    );
  });
});
