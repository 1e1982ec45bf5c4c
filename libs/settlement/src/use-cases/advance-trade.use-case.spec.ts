import type { TradeStatus } from '@carryover/market';
import type { TradeStateMachine } from '../state-machine/trade-state-machine.service';
import { aTrade, MANAGER, TRANSACTIONS } from '../testing/settlement-trade.factory';
import { AdvanceTradeUseCase } from './advance-trade.use-case';

function setUp(status: TradeStatus, requiresProviderApproval = false) {
  const trade = aTrade({ status, requiresProviderApproval });
  const machine = { lock: jest.fn(async () => trade), transitionLocked: jest.fn(async () => trade) };
  return {
    useCase: new AdvanceTradeUseCase(TRANSACTIONS, machine as unknown as TradeStateMachine),
    machine,
    trade,
  };
}

describe('AdvanceTradeUseCase', () => {
  it.each([
    ['funded', false, 'transfer_pending'],
    ['funded', true, 'awaiting_provider_approval'],
    ['transfer_submitted', false, 'verifying'],
  ] as const)('moves a %s trade (approval required: %p) to %s', async (from, approval, to) => {
    const { useCase, machine, trade } = setUp(from, approval);
    expect(await useCase.execute(trade.id)).toBe(to);
    expect(machine.transitionLocked).toHaveBeenCalledWith(MANAGER, trade, to, expect.anything());
  });

  it.each(['awaiting_payment', 'transfer_pending', 'verifying', 'disputed', 'settled', 'refunding'] as const)(
    'leaves a %s trade alone, so a repeated or late job does nothing',
    async (status) => {
      const { useCase, machine, trade } = setUp(status);
      expect(await useCase.execute(trade.id)).toBeNull();
      expect(machine.transitionLocked).not.toHaveBeenCalled();
    },
  );
});
