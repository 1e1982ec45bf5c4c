import { PayoutsNotEnabledError, type EscrowSettlement } from '@carryover/escrow';
import type { SettlementTradeRepository } from '../repositories/settlement-trade.repository';
import type { PayoutsWait } from '../services/payouts-wait.service';
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
  const payoutsWait = { mark: jest.fn(async () => 'waiting' as const) };
  const useCase = new ReleaseTradeUseCase(
    TRANSACTIONS,
    machine as unknown as TradeStateMachine,
    trades as unknown as SettlementTradeRepository,
    escrow as unknown as EscrowSettlement,
    payoutsWait as unknown as PayoutsWait,
  );
  return { useCase, escrow, machine, payoutsWait, trade };
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
    const { useCase, escrow, payoutsWait, trade } = setUp({ payouts: false });
    expect(await useCase.execute(trade.id)).toBe('waiting');
    expect(payoutsWait.mark).toHaveBeenCalledWith(trade.id, 'releasing');
    expect(escrow.transferProceeds).not.toHaveBeenCalled();
  });

  it('waits when the payment provider says the payouts went away in the meantime', async () => {
    const { useCase, escrow, payoutsWait, trade } = setUp();
    escrow.transferProceeds.mockRejectedValueOnce(new PayoutsNotEnabledError(trade.sellerOrganizationId));
    expect(await useCase.execute(trade.id)).toBe('waiting');
    expect(payoutsWait.mark).toHaveBeenCalled();
    expect(escrow.recordRelease).not.toHaveBeenCalled();
  });

  it('lets a provider failure through so the job is retried, recording nothing', async () => {
    const { useCase, escrow, machine, trade } = setUp();
    escrow.transferProceeds.mockRejectedValueOnce(new Error('Stripe is down'));
    await expect(useCase.execute(trade.id)).rejects.toThrow('Stripe is down');
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
