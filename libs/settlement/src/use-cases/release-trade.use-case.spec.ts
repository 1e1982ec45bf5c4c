import { PayoutsNotEnabledError, type EscrowSettlement } from '@carryover/escrow';
import type { SettlementTradeRepository } from '../repositories/settlement-trade.repository';
import type { TradeWaiting } from '../services/trade-waiting.service';
import type { TradeStateMachine } from '../state-machine/trade-state-machine.service';
import { aTrade, MANAGER, TRANSACTIONS } from '../testing/settlement-trade.factory';
import { ReleaseTradeUseCase } from './release-trade.use-case';

function setUp(options: { status?: string; payouts?: boolean; lockedStatus?: string } = {}) {
  const trade = aTrade({ status: (options.status ?? 'releasing') as never });
  const trades = { find: jest.fn(async () => trade) };
  const escrow = {
    sellerPayoutsEnabled: jest.fn(async () => options.payouts ?? true),
    transferProceeds: jest.fn(async () => ({ transferId: 'tr_1' })),
    recordRelease: jest.fn(async () => undefined),
  };
  const machine = {
    lock: jest.fn(async () => ({ ...trade, status: options.lockedStatus ?? trade.status })),
    transition: jest.fn(async () => trade),
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
  it('transfers gross - fee to the seller, then posts release and payout with releasing -> settled', async () => {
    const { useCase, escrow, machine, trade } = setUp();
    expect(await useCase.execute(trade.id)).toBe('settled');
    expect(escrow.transferProceeds).toHaveBeenCalledWith(expect.objectContaining({ id: trade.id }), 68_400n);
    expect(escrow.recordRelease).toHaveBeenCalledWith(MANAGER, expect.objectContaining({ id: trade.id }), {
      proceedsMinor: 68_400n,
      feeMinor: 3_600n,
      transferId: 'tr_1',
    });
    expect(machine.transition).toHaveBeenCalledWith(
      MANAGER,
      trade.id,
      'settled',
      expect.objectContaining({ data: expect.objectContaining({ transferId: 'tr_1' }) }),
    );
  });

  it('waits without a transfer while the seller’s payouts are not enabled', async () => {
    const { useCase, escrow, waiting, trade } = setUp({ payouts: false });
    expect(await useCase.execute(trade.id)).toBe('waiting');
    expect(waiting.forPayouts).toHaveBeenCalledWith(trade.id, 'releasing');
    expect(escrow.transferProceeds).not.toHaveBeenCalled();
  });

  it('waits when the payment provider says the payouts went away in the meantime', async () => {
    const { useCase, escrow, waiting, trade } = setUp();
    escrow.transferProceeds.mockRejectedValueOnce(new PayoutsNotEnabledError(trade.sellerOrganizationId));
    expect(await useCase.execute(trade.id)).toBe('waiting');
    expect(waiting.forPayouts).toHaveBeenCalled();
    expect(escrow.recordRelease).not.toHaveBeenCalled();
  });

  it('shows a provider failure as payment_provider_unavailable and lets it through so the job is retried', async () => {
    const { useCase, escrow, machine, waiting, trade } = setUp();
    escrow.transferProceeds.mockRejectedValueOnce(new Error('Stripe is down'));
    await expect(useCase.execute(trade.id)).rejects.toThrow('Stripe is down');
    expect(waiting.forProvider).toHaveBeenCalledWith(trade.id, 'releasing', expect.any(Error));
    expect(escrow.recordRelease).not.toHaveBeenCalled();
    expect(machine.transition).not.toHaveBeenCalled();
  });

  it('does nothing for a trade not releasing, and records nothing when another run settled it first', async () => {
    const idle = setUp({ status: 'verifying' });
    expect(await idle.useCase.execute(idle.trade.id)).toBe('nothing');
    expect(idle.escrow.transferProceeds).not.toHaveBeenCalled();
    const raced = setUp({ lockedStatus: 'settled' });
    expect(await raced.useCase.execute(raced.trade.id)).toBe('nothing');
    expect(raced.escrow.recordRelease).not.toHaveBeenCalled();
    expect(raced.machine.transition).not.toHaveBeenCalled();
  });
});
