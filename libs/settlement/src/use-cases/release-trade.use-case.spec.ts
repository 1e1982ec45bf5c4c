import { PayoutsNotEnabledError, type EscrowSettlement } from '@carryover/escrow';
import type { SettlementTradeRepository } from '../repositories/settlement-trade.repository';
import type { TradeWaiting } from '../services/trade-waiting.service';
import type { TradeStateMachine } from '../state-machine/trade-state-machine.service';
import { aTrade, MANAGER, TRANSACTIONS } from '../testing/settlement-trade.factory';
import { ReleaseTradeUseCase } from './release-trade.use-case';

const MADE = { transferId: 'tr_1', amountMinor: 68_400n, destinationAccountId: 'acct_1', recorded: false };

function setUp(options: { status?: string; payouts?: boolean; lockedStatus?: string } = {}) {
  const trade = aTrade({ status: (options.status ?? 'releasing') as never });
  const trades = { find: jest.fn(async () => trade) };
  const escrow = {
    makeTransfer: jest.fn(async () => {
      if (options.payouts === false) throw new PayoutsNotEnabledError(trade.sellerOrganizationId);
      return MADE;
    }),
    recordTransfer: jest.fn(async () => undefined),
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
  const useCase = new ReleaseTradeUseCase(
    TRANSACTIONS,
    machine as unknown as TradeStateMachine,
    trades as unknown as SettlementTradeRepository,
    escrow as unknown as EscrowSettlement,
    waiting as unknown as TradeWaiting,
  );
  return { useCase, escrow, machine, waiting, trade };
}

describe('ReleaseTradeUseCase', () => {
  it('transfers gross - fee to the seller, then records it with release and payout and releasing -> settled', async () => {
    const { useCase, escrow, machine, trade } = setUp();
    expect(await useCase.execute(trade.id)).toBe('settled');
    expect(escrow.makeTransfer).toHaveBeenCalledWith(expect.objectContaining({ id: trade.id }), 68_400n);
    expect(escrow.recordReleaseAndTransfer).toHaveBeenCalledWith(
      MANAGER,
      expect.objectContaining({ id: trade.id }),
      { proceedsMinor: 68_400n, feeMinor: 3_600n, transfer: MADE },
    );
    expect(machine.transitionLocked).toHaveBeenCalledWith(
      MANAGER,
      expect.objectContaining({ id: trade.id, status: 'releasing' }),
      'settled',
      expect.objectContaining({ data: expect.objectContaining({ transferId: 'tr_1' }) }),
    );
  });

  it('waits without a transfer while the seller’s payouts are not enabled', async () => {
    const { useCase, escrow, waiting, trade } = setUp({ payouts: false });
    expect(await useCase.execute(trade.id)).toBe('waiting');
    expect(waiting.forPayouts).toHaveBeenCalledWith(trade.id, 'releasing');
    expect(escrow.recordReleaseAndTransfer).not.toHaveBeenCalled();
  });

  it('shows a provider failure as payment_provider_unavailable and lets it through so the job is retried', async () => {
    const { useCase, escrow, machine, waiting, trade } = setUp();
    escrow.makeTransfer.mockRejectedValueOnce(new Error('Stripe is down'));
    await expect(useCase.execute(trade.id)).rejects.toThrow('Stripe is down');
    expect(waiting.forProvider).toHaveBeenCalledWith(trade.id, 'releasing', expect.any(Error));
    expect(escrow.recordReleaseAndTransfer).not.toHaveBeenCalled();
    expect(machine.transitionLocked).not.toHaveBeenCalled();
  });

  it('does nothing for a trade not releasing; when another run settled it first, only records the transfer', async () => {
    const idle = setUp({ status: 'verifying' });
    expect(await idle.useCase.execute(idle.trade.id)).toBe('nothing');
    expect(idle.escrow.makeTransfer).not.toHaveBeenCalled();
    const raced = setUp({ lockedStatus: 'settled' });
    expect(await raced.useCase.execute(raced.trade.id)).toBe('nothing');
    expect(raced.escrow.recordTransfer).toHaveBeenCalledWith(MANAGER, expect.anything(), MADE);
    expect(raced.escrow.recordReleaseAndTransfer).not.toHaveBeenCalled();
    expect(raced.machine.transitionLocked).not.toHaveBeenCalled();
  });
});
