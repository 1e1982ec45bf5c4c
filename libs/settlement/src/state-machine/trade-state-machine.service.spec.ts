import type { AuditService } from '@carryover/audit';
import type { OutboxService } from '@carryover/jobs';
import { NotFoundError, type Clock } from '@carryover/shared';
import { InvalidTransitionError, TransitionNotAllowedError } from '../domain/settlement.errors';
import type { SettlementTradeRepository } from '../repositories/settlement-trade.repository';
import { aTrade, MANAGER } from '../testing/settlement-trade.factory';
import { SYSTEM, TradeStateMachine, type TransitionActor } from './trade-state-machine.service';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const SELLER: TransitionActor = {
  as: 'seller',
  audit: { type: 'user', id: '00000000-0000-4000-8000-0000000000cc', organizationId: 'seller-org' },
};

function setUp(trade = aTrade()) {
  const trades = { lock: jest.fn(async () => trade), enter: jest.fn(async () => undefined) };
  const outbox = { publish: jest.fn(async () => ['event-id']) };
  const audit = { append: jest.fn(async () => ({})) };
  const machine = new TradeStateMachine(
    trades as unknown as SettlementTradeRepository,
    outbox as unknown as OutboxService,
    audit as unknown as AuditService,
    { now: () => NOW } as Clock,
  );
  return { machine, trades, outbox, audit };
}

describe('TradeStateMachine', () => {
  it('writes the status and timeline row, the step’s outbox event and an audit entry, in the caller’s transaction', async () => {
    const { machine, trades, outbox, audit } = setUp(aTrade({ status: 'funded' }));

    const moved = await machine.transition(MANAGER, aTrade().id, 'transfer_pending', {
      actor: SYSTEM,
      reason: 'the seller is asked to transfer',
      data: { hint: 'x' },
    });

    expect(moved.status).toBe('transfer_pending');
    expect(trades.lock).toHaveBeenCalledWith(MANAGER, aTrade().id);
    expect(trades.enter).toHaveBeenCalledWith(MANAGER, {
      tradeId: aTrade().id,
      status: 'transfer_pending',
      actorType: 'system',
      actorId: null,
      reason: 'the seller is asked to transfer',
      at: NOW,
    });
    expect(outbox.publish).toHaveBeenCalledWith(MANAGER, [
      {
        name: 'trade.transfer_requested',
        payload: expect.objectContaining({
          tradeId: aTrade().id,
          status: 'transfer_pending',
          previousStatus: 'funded',
          buyerOrganizationId: aTrade().buyerOrganizationId,
          sellerOrganizationId: aTrade().sellerOrganizationId,
          grossMinor: '72000',
          reason: 'the seller is asked to transfer',
          hint: 'x',
        }),
      },
    ]);
    expect(audit.append).toHaveBeenCalledWith(MANAGER, {
      actor: SYSTEM.audit,
      action: 'settlement.trade_transfer_pending',
      entity: 'trade',
      entityId: aTrade().id,
      data: { from: 'funded', to: 'transfer_pending', as: 'system', hint: 'x' },
      reason: 'the seller is asked to transfer',
    });
  });

  it('records the acting user on the timeline and names each status’s event', async () => {
    const { machine, trades, outbox } = setUp(aTrade({ status: 'transfer_pending' }));
    await machine.transition(MANAGER, aTrade().id, 'transfer_submitted', { actor: SELLER, reason: 'ref' });
    expect(trades.enter).toHaveBeenCalledWith(
      MANAGER,
      expect.objectContaining({ actorType: 'user', actorId: SELLER.audit.id }),
    );
    expect(outbox.publish).toHaveBeenCalledWith(MANAGER, [
      expect.objectContaining({ name: 'trade.transfer_submitted' }),
    ]);
  });

  it('refuses a step the table does not allow with 409 invalid_transition naming from and to, writing nothing', async () => {
    const { machine, trades, outbox, audit } = setUp(aTrade({ status: 'settled' }));
    const step = machine.transition(MANAGER, aTrade().id, 'refunding', { actor: SYSTEM });
    await expect(step).rejects.toBeInstanceOf(InvalidTransitionError);
    await expect(step).rejects.toMatchObject({
      kind: 'conflict',
      code: 'invalid_transition',
      extensions: { from: 'settled', to: 'refunding' },
    });
    expect(trades.enter).not.toHaveBeenCalled();
    expect(outbox.publish).not.toHaveBeenCalled();
    expect(audit.append).not.toHaveBeenCalled();
  });

  it('refuses an allowed step made by the wrong party with 403, writing nothing', async () => {
    const { machine, trades } = setUp(aTrade({ status: 'verifying' }));
    await expect(
      machine.transition(MANAGER, aTrade().id, 'releasing', { actor: SELLER }),
    ).rejects.toBeInstanceOf(TransitionNotAllowedError);
    expect(trades.enter).not.toHaveBeenCalled();
  });

  it('is 404 for a trade that does not exist', async () => {
    const { machine, trades } = setUp();
    trades.lock.mockResolvedValueOnce(null as never);
    await expect(machine.transition(MANAGER, 'missing', 'funded', { actor: SYSTEM })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
