import fc from 'fast-check';
import { ValidationError } from '@carryover/shared';
import { buildJournalEntries, entriesSum } from './journal-entries';
import type { PostJournalCommand } from './ledger.types';
import {
  fundJournal,
  payoutJournal,
  refundJournal,
  releaseJournal,
  stripeFeeJournal,
} from './trade-journals';

const trade = { id: '6f1c1c53-2d55-4a4e-9d0a-0c6f8a0f1b11', currency: 'EUR' };

const signed = (journal: PostJournalCommand) =>
  Object.fromEntries(buildJournalEntries(journal).map((e) => [e.account, e.amountMinor]));

describe('trade journals', () => {
  it('funds: stripe_cash / escrow_held', () => {
    const journal = fundJournal(trade, 72_000n);
    expect(journal).toMatchObject({ tradeId: trade.id, step: 'fund', currency: 'EUR' });
    expect(signed(journal)).toEqual({ stripe_cash: 72_000n, escrow_held: -72_000n });
  });

  it('releases: escrow_held / seller_payable + fee_revenue, leaving out a zero fee', () => {
    expect(signed(releaseJournal(trade, { proceedsMinor: 68_400n, feeMinor: 3_600n }))).toEqual({
      escrow_held: 72_000n,
      seller_payable: -68_400n,
      fee_revenue: -3_600n,
    });
    expect(signed(releaseJournal(trade, { proceedsMinor: 10n, feeMinor: 0n }))).toEqual({
      escrow_held: 10n,
      seller_payable: -10n,
    });
  });

  it('pays out seller_payable / stripe_cash and refunds escrow_held / stripe_cash', () => {
    expect(signed(payoutJournal(trade, 5n))).toEqual({ seller_payable: 5n, stripe_cash: -5n });
    expect(signed(refundJournal(trade, 5n, 'refund:2'))).toEqual({ escrow_held: 5n, stripe_cash: -5n });
    expect(refundJournal(trade, 5n).step).toBe('refund');
    expect(signed(stripeFeeJournal(trade, 2n))).toEqual({ stripe_fees: 2n, stripe_cash: -2n });
  });

  it('rejects empty amounts and steps that are not refunds', () => {
    expect(() => fundJournal(trade, 0n)).toThrow(ValidationError);
    expect(() => releaseJournal(trade, { proceedsMinor: 0n, feeMinor: 0n })).toThrow(ValidationError);
    expect(() => releaseJournal(trade, { proceedsMinor: 5n, feeMinor: -1n })).toThrow(ValidationError);
    expect(() => refundJournal(trade, 1n, 'release')).toThrow(ValidationError);
    expect(() => refundJournal(trade, 1n, 'refund:0')).toThrow(ValidationError);
  });

  it('always builds zero-sum journals', () => {
    const amount = fc.bigInt({ min: 1n, max: 2n ** 62n });
    fc.assert(
      fc.property(
        amount,
        fc.bigInt({ min: 0n, max: 2n ** 61n }),
        fc.integer({ min: 1, max: 999 }),
        (a, fee, n) => {
          for (const journal of [
            fundJournal(trade, a),
            releaseJournal(trade, { proceedsMinor: a, feeMinor: fee }),
            releaseJournal(trade, { proceedsMinor: fee, feeMinor: a }),
            payoutJournal(trade, a),
            refundJournal(trade, a, `refund:${n}`),
            stripeFeeJournal(trade, a),
          ]) {
            expect(entriesSum(buildJournalEntries(journal))).toBe(0n);
          }
        },
      ),
    );
  });
});
