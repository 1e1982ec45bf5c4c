import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '@carryover/audit';
import type { TransferMethod } from '@carryover/catalog';
import type { PartySnapshot } from '@carryover/compliance';
import { auditActorOf, type Actor } from '@carryover/identity';
import type { MatchResult, TimeInForce } from '@carryover/matching';
import { toTradeView, type TradeView } from '../domain/trade.view';
import type { BuyOrderEntity } from '../entities/buy-order.entity';
import type { TradeEntity } from '../entities/trade.entity';
import type { Market } from '../matching/market-lock';
import type { IncomingOrder } from '../matching/market-matcher.service';
import type { TradePlan } from '../matching/trade-writer';
import type { NewBuyOrder } from '../repositories/buy-order.repository';

// The pure steps of placing a batch of buy orders (PlaceBuyOrderUseCase): an order as the matcher takes it,
// the row it is written as once matched, its audit entry and its trades.

export interface PlaceBuyOrderCommand {
  providerCode: string;
  currency: string;
  quantityMinor: bigint;
  maxPriceBps: number;
  minDaysToExpiry?: number;
  transferMethods?: TransferMethod[];
  minFillMinor?: bigint;
  timeInForce: TimeInForce;
  goodTill?: Date;
}

export interface OrderRequest {
  actor: Actor;
  command: PlaceBuyOrderCommand;
}

/** A request as the matcher takes it, with a fresh order id. */
export function toIncomingOrder({ actor, command }: OrderRequest, buyer: PartySnapshot): IncomingOrder {
  return {
    order: {
      id: randomUUID(),
      buyerOrgId: buyer.organizationId,
      maxPriceBps: command.maxPriceBps,
      quantityMinor: command.quantityMinor,
      minDaysToExpiry: command.minDaysToExpiry ?? 0,
      transferMethods: [...new Set(command.transferMethods ?? [])],
      minFillMinor: command.minFillMinor ?? 1n,
      timeInForce: command.timeInForce,
      goodTillMs: command.goodTill?.getTime(),
    },
    buyer,
    actor: auditActorOf(actor),
  };
}

/** The order's row as written: what was asked, and where it stands after matching. */
export function toNewBuyOrder(
  market: Market,
  { actor, command }: OrderRequest,
  { order }: IncomingOrder,
  result: MatchResult,
  now: Date,
): NewBuyOrder {
  return {
    id: order.id,
    organizationId: order.buyerOrgId,
    providerCode: market.providerCode,
    currency: market.currency,
    quantityMinor: command.quantityMinor,
    maxPriceBps: command.maxPriceBps,
    minDaysToExpiry: order.minDaysToExpiry ?? 0,
    transferMethods: order.transferMethods as TransferMethod[],
    minFillMinor: order.minFillMinor ?? 1n,
    timeInForce: command.timeInForce,
    goodTill: command.goodTill ?? null,
    createdByUserId: actor.userId,
    ...afterMatching(command.quantityMinor, result, now),
  };
}

/** Where an order stands once matched: filled, resting with what is left, or (IOC, FOK) cancelled. */
function afterMatching(
  quantityMinor: bigint,
  result: MatchResult,
  now: Date,
): Pick<BuyOrderEntity, 'status' | 'remainingMinor' | 'filledMinor' | 'closedAt'> {
  const filledMinor = quantityMinor - result.remainingMinor;
  if (result.remainingMinor === 0n) {
    return { status: 'filled', remainingMinor: 0n, filledMinor, closedAt: now };
  }
  if (!result.rests) return { status: 'cancelled', remainingMinor: 0n, filledMinor, closedAt: now };
  return {
    status: filledMinor > 0n ? 'partially_filled' : 'open',
    remainingMinor: result.remainingMinor,
    filledMinor,
    closedAt: null,
  };
}

/** The audit entries of one placed order: its trades', then its own. */
export function orderAuditEntries(
  order: NewBuyOrder,
  actor: Actor,
  plans: readonly TradePlan[],
): AuditEntry[] {
  return [
    ...plans.map((plan) => plan.audit),
    {
      actor: auditActorOf(actor),
      action: 'market.order_placed',
      entity: 'buy_order',
      entityId: order.id,
      data: {
        providerCode: order.providerCode,
        currency: order.currency,
        quantityMinor: order.quantityMinor.toString(),
        maxPriceBps: order.maxPriceBps,
        timeInForce: order.timeInForce,
        trades: plans.length,
      },
    },
  ];
}

/** The written trades by the id of the buy order that took them, as the buyer sees them. */
export function tradesByOrder(trades: readonly TradeEntity[]): Map<string, TradeView[]> {
  const byOrder = new Map<string, TradeView[]>();
  for (const trade of trades) {
    byOrder.set(trade.orderId, [...(byOrder.get(trade.orderId) ?? []), toTradeView(trade)]);
  }
  return byOrder;
}
