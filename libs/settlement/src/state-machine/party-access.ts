import type { EntityManager } from 'typeorm';
import type { Actor } from '@carryover/identity';
import { ForbiddenError, NotFoundError } from '@carryover/shared';
import { sideOf, type SettlementTrade } from '../domain/settlement-trade';
import type { TradeStateMachine } from './trade-state-machine.service';

/**
 * The trade under its row lock, as one of its parties acts on it: another organisation's trade is 404;
 * the wrong side (a seller confirming receipt, a buyer submitting the transfer) is 403.
 */
export async function lockAsParty(
  machine: TradeStateMachine,
  manager: EntityManager,
  actor: Actor,
  tradeId: string,
  required?: 'buy' | 'sell',
): Promise<{ trade: SettlementTrade; side: 'buy' | 'sell' }> {
  const trade = await machine.lock(manager, tradeId);
  const side = sideOf(trade, actor.organizationId);
  if (side === null) throw new NotFoundError('Trade', tradeId);
  if (required && side !== required) {
    throw required === 'buy'
      ? new ForbiddenError('not_trade_buyer', 'Only the buying organisation can do this.')
      : new ForbiddenError('not_trade_seller', 'Only the selling organisation can do this.');
  }
  return { trade, side };
}
