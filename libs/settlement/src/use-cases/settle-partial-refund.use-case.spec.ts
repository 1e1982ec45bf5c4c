import fc from 'fast-check';
import type { EscrowSettlement } from '@carryover/escrow';
import { applyBps } from '@carryover/shared';
import type { DisputeRepository } from '../repositories/dispute.repository';
import type { SettlementTradeRepository } from '../repositories/settlement-trade.repository';
import type { TradeWaiting } from '../services/trade-waiting.service';
import type { TradeStateMachine } from '../state-machine/trade-state-machine.service';
import { aTrade, MANAGER, TRANSACTIONS } from '../testing/settlement-trade.factory';
import { SettlePartialRefundUseCase, splitPartialRefund } from './settle-partial-refund.use-case';

describe('splitPartialRefund', () => {
  it('splits 72,000 at 5% with 20,000 refunded into 52,000 released, 2,600 fee and 49,400 proceeds', () => {
    expect(splitPartialRefund({ grossMinor: 72_000n, feeBps: 500 }, 20_000n)).toEqual({
      refundMinor: 20_000n,
      releasedMinor: 52_000n,
      feeMinor: 2_600n,
      proceedsMinor: 49_400n,
    });
  });

  it('always sums to the gross, with the fee at the trade’s rate on the released part, rounded half up', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 2n, max: 10n ** 13n }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.bigInt({ min: 1n, max: 10n ** 13n }),
        (grossMinor, feeBps, seed) => {
          const refundMinor = 1n + (seed % (grossMinor - 1n));
          const split = splitPartialRefund({ grossMinor, feeBps }, refundMinor);
          return (
            split.refundMinor + split.feeMinor + split.proceedsMinor === grossMinor &&
            split.releasedMinor === grossMinor - refundMinor &&
            split.feeMinor === applyBps(split.releasedMinor, feeBps) &&
            split.feeMinor >= 0n &&
            split.proceedsMinor >= 0n
          );
        },
      ),
    );
  });

  it.each([0n, -1n, 72_000n, 72_001n])('refuses a refund of %p of a 72,000 gross', (refund) => {
    expect(() => splitPartialRefund({ grossMinor: 72_000n, feeBps: 500 }, refund)).toThrow(RangeError);
  });
});

const MADE = { transferId: 'tr_1', amountMinor: 49_400n, destinationAccountId: 'acct_1', recorded: false };

describe('SettlePartialRefundUseCase', () => {
  function setUp(options: { status?: string; payouts?: boolean; lockedStatus?: string } = {}) {
    const trade = aTrade({ status: (options.status ?? 'disputed') as never });
    const trades = { find: jest.fn(async () => trade) };
    const disputes = {
      forTrade: jest.fn(async () => ({ id: 'dispute-1', outcome: 'partial_refund', refundMinor: 20_000n })),
    };
    const escrow = {
      sellerPayoutsEnabled: jest.fn(async () => options.payouts ?? true),
      refundBuyer: jest.fn(async () => ({ refundId: 're_1' })),
      makeTransfer: jest.fn(async () => MADE),
      recordTransfer: jest.fn(async () => undefined),
      recordRefund: jest.fn(async () => undefined),
      recordReleaseAndTransfer: jest.fn(async () => undefined),
    };
    const machine = {
      lock: jest.fn(async () => ({ ...trade, status: options.lockedStatus ?? trade.status })),
      transitionLocked: jest.fn(async () => trade),
    };
    const waiting = {
      forPayouts: jest.fn(async () => 'waiting' as const),
      forProvider: jest.fn(async (_id: string, _status: string, error: unknown): Promise<never> => {
        throw error;
      }),
    };
    const useCase = new SettlePartialRefundUseCase(
      TRANSACTIONS,
      machine as unknown as TradeStateMachine,
      trades as unknown as SettlementTradeRepository,
      disputes as unknown as DisputeRepository,
      escrow as unknown as EscrowSettlement,
      waiting as unknown as TradeWaiting,
    );
    return { useCase, escrow, machine, waiting, trade };
  }

  it('refunds, transfers the rest and records both journals with partially_refunded, in one transaction', async () => {
    const { useCase, escrow, machine, trade } = setUp();
    expect(await useCase.execute(trade.id)).toBe('partially_refunded');
    expect(escrow.refundBuyer).toHaveBeenCalledWith(
      expect.objectContaining({ id: trade.id }),
      20_000n,
      'refund',
    );
    expect(escrow.makeTransfer).toHaveBeenCalledWith(expect.objectContaining({ id: trade.id }), 49_400n);
    expect(escrow.recordRefund).toHaveBeenCalledWith(MANAGER, expect.anything(), 20_000n, 'refund');
    expect(escrow.recordReleaseAndTransfer).toHaveBeenCalledWith(MANAGER, expect.anything(), {
      proceedsMinor: 49_400n,
      feeMinor: 2_600n,
      transfer: MADE,
    });
    expect(machine.transitionLocked).toHaveBeenCalledWith(
      MANAGER,
      expect.objectContaining({ id: trade.id }),
      'partially_refunded',
      expect.objectContaining({ data: expect.objectContaining({ transferId: 'tr_1' }) }),
    );
  });

  it('moves no money until the seller can receive transfers', async () => {
    const { useCase, escrow, waiting, trade } = setUp({ payouts: false });
    expect(await useCase.execute(trade.id)).toBe('waiting');
    expect(waiting.forPayouts).toHaveBeenCalledWith(trade.id, 'disputed');
    expect(escrow.refundBuyer).not.toHaveBeenCalled();
    expect(escrow.makeTransfer).not.toHaveBeenCalled();
  });

  it('does nothing for a trade that is no longer disputed, or already settled by another run', async () => {
    const done = setUp({ status: 'partially_refunded' });
    expect(await done.useCase.execute(done.trade.id)).toBe('nothing');
    expect(done.escrow.refundBuyer).not.toHaveBeenCalled();
    const raced = setUp({ lockedStatus: 'partially_refunded' });
    expect(await raced.useCase.execute(raced.trade.id)).toBe('nothing');
    expect(raced.escrow.recordRefund).not.toHaveBeenCalled();
    expect(raced.machine.transitionLocked).not.toHaveBeenCalled();
    // The transfer it made is recorded all the same.
    expect(raced.escrow.recordTransfer).toHaveBeenCalledWith(MANAGER, expect.anything(), MADE);
  });
});
