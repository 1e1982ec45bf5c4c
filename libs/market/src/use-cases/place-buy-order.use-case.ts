import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { CatalogService, type TransferMethod } from '@carryover/catalog';
import { toPartySnapshot, type PartySnapshot } from '@carryover/compliance';
import { auditActorOf, OrganizationDirectory, OrganizationScope, type Actor } from '@carryover/identity';
import type { MatchResult, TimeInForce } from '@carryover/matching';
import { Clock, ValidationError } from '@carryover/shared';
import { toOrderView, type OrderView } from '../domain/order.view';
import { toTradeView, type TradeView } from '../domain/trade.view';
import type { BuyOrderEntity } from '../entities/buy-order.entity';
import { MarketBatches } from '../matching/market-batches';
import { marketKey, parseMarketKey } from '../matching/market-lock';
import { MarketMatcher, type IncomingOrder } from '../matching/market-matcher.service';
import type { NewBuyOrder } from '../repositories/buy-order.repository';

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

interface OrderRequest {
  actor: Actor;
  command: PlaceBuyOrderCommand;
}

export interface PlacedOrder {
  order: OrderView;
  trades: TradeView[];
}

/**
 * A buyer places a limit order; it matches at once against listings and rests (GTC) or not (IOC, FOK).
 * Orders of one market are written in batches (`MarketBatches`): each batch is one transaction under the
 * market's lock, matching its orders one after another in arrival order, exactly as if each had been
 * written alone, with one durable commit for all of them.
 */
@Injectable()
export class PlaceBuyOrderUseCase {
  private readonly batches = new MarketBatches<OrderRequest, PlacedOrder>((market, requests) =>
    this.placeBatch(market, requests),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly directory: OrganizationDirectory,
    private readonly matcher: MarketMatcher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, command: PlaceBuyOrderCommand): Promise<PlacedOrder> {
    OrganizationScope.of(actor); // throws for an actor without an organisation to buy for
    if (command.goodTill && command.goodTill.getTime() <= this.clock.now().getTime()) {
      throw new ValidationError([{ field: 'goodTill', message: 'must be in the future' }]);
    }
    if (command.minFillMinor !== undefined && command.minFillMinor > command.quantityMinor) {
      throw new ValidationError([{ field: 'minFillMinor', message: 'must not exceed quantityMinor' }]);
    }
    // The market is checked in the batch, under its lock: every order of a batch has the same answer.
    const market = marketKey({ providerCode: command.providerCode, currency: command.currency });
    return this.batches.submit(market, { actor, command });
  }

  private placeBatch(key: string, requests: readonly OrderRequest[]): Promise<PlacedOrder[]> {
    const market = parseMarketKey(key);
    return this.dataSource.transaction(async (manager) => {
      const now = await this.matcher.prepare(manager, market);
      // Read under the lock: the policy and the buyers' KYC as they stand when the orders match.
      const provider = await this.catalog.requireMarket(market.providerCode, market.currency, manager);
      const buyers = new Map<string, PartySnapshot>();
      for (const { actor } of requests) {
        const { organizationId } = OrganizationScope.of(actor);
        if (!buyers.has(organizationId)) {
          buyers.set(organizationId, toPartySnapshot(await this.directory.get(organizationId, manager)));
        }
      }
      const incoming: IncomingOrder[] = requests.map(({ actor, command }) => {
        const buyer = buyers.get(OrganizationScope.of(actor).organizationId) as PartySnapshot;
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
      });
      const outcomes = await this.matcher.matchOrders(manager, market, provider.policy, incoming, now);
      // The orders with their amounts after matching, and their trades: one statement.
      const orders: NewBuyOrder[] = requests.map(({ actor, command }, i) => {
        const { order } = incoming[i] as IncomingOrder;
        const { result } = outcomes[i] as (typeof outcomes)[number];
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
      });
      const written = await this.matcher.record(
        manager,
        orders,
        outcomes.flatMap((outcome) => outcome.plans),
        now,
      );
      const trades = written.trades;
      const rows = orders.map((order) => {
        const stored = written.orders.get(order.id);
        if (!stored) throw new Error(`order ${order.id} was not written`);
        return { ...order, ...stored };
      });
      const tradesByOrder = new Map<string, TradeView[]>();
      for (const trade of trades) {
        tradesByOrder.set(trade.orderId, [...(tradesByOrder.get(trade.orderId) ?? []), toTradeView(trade)]);
      }
      // Last, so the audit chain's lock (held until commit) is not held across the rest of the work.
      await this.audit.appendAll(
        manager,
        outcomes.flatMap(({ plans }, i) => {
          const row = rows[i] as (typeof rows)[number];
          return [
            ...plans.map((plan) => plan.audit),
            {
              actor: (incoming[i] as IncomingOrder).actor,
              action: 'market.order_placed',
              entity: 'buy_order',
              entityId: row.id,
              data: {
                providerCode: row.providerCode,
                currency: row.currency,
                quantityMinor: row.quantityMinor.toString(),
                maxPriceBps: row.maxPriceBps,
                timeInForce: row.timeInForce,
                trades: plans.length,
              },
            },
          ];
        }),
      );
      return rows.map((row) => ({ order: toOrderView(row), trades: tradesByOrder.get(row.id) ?? [] }));
    });
  }
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
