import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { CatalogService, type Provider } from '@carryover/catalog';
import { toPartySnapshot } from '@carryover/compliance';
import {
  OrganizationDirectory,
  OrganizationScope,
  type Actor,
  type OrganizationView,
} from '@carryover/identity';
import { Clock, ValidationError } from '@carryover/shared';
import { toOrderView, type OrderView } from '../domain/order.view';
import type { TradeView } from '../domain/trade.view';
import { MARKET_BUSY, MarketBatches, type MarketItem } from '../matching/market-batches';
import { marketKey, parseMarketKey } from '../matching/market-lock';
import { MarketMatcher, type IncomingOrder } from '../matching/market-matcher.service';
import type { TradePlan } from '../matching/trade-writer';
import type { NewBuyOrder } from '../repositories/buy-order.repository';
import {
  orderAuditEntries,
  toIncomingOrder,
  toNewBuyOrder,
  tradesByOrder,
  type OrderRequest,
  type PlaceBuyOrderCommand,
} from './buy-order-batch';

export type { PlaceBuyOrderCommand } from './buy-order-batch';

export interface PlacedOrder {
  order: OrderView;
  trades: TradeView[];
}

/**
 * A buyer places a limit order; it matches at once against listings and rests (GTC) or not (IOC, FOK).
 * Orders are written in batches (`MarketBatches`): each batch is one transaction under its markets' locks,
 * matching each market's orders one after another in arrival order, exactly as if each had been written
 * alone, with one durable commit for all of them.
 */
@Injectable()
export class PlaceBuyOrderUseCase {
  private readonly batches = new MarketBatches<OrderRequest, PlacedOrder>(
    (items) => this.placeShared(items),
    (market, requests) => this.placeInMarket(market, requests),
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

  /** A shared batch: any markets, each taken only if its lock is free now (else MARKET_BUSY). */
  private placeShared(
    items: ReadonlyArray<MarketItem<OrderRequest>>,
  ): Promise<Array<PlacedOrder | typeof MARKET_BUSY>> {
    const markets = [...new Set(items.map((item) => item.market))].map(parseMarketKey);
    return this.dataSource.transaction(async (manager) => {
      const { now, held } = await this.matcher.tryPrepare(manager, markets);
      const results: Array<PlacedOrder | typeof MARKET_BUSY> = items.map(() => MARKET_BUSY);
      const mine = items.flatMap((item, i) => (held.has(item.market) ? [{ ...item, i }] : []));
      if (mine.length === 0) return results;
      const placed = await this.place(manager, mine, now);
      mine.forEach(({ i }, j) => (results[i] = placed[j] as PlacedOrder));
      return results;
    });
  }

  /** A market's own batch, which waits for the market's lock. */
  private placeInMarket(market: string, requests: readonly OrderRequest[]): Promise<PlacedOrder[]> {
    return this.dataSource.transaction(async (manager) => {
      const now = await this.matcher.prepare(manager, parseMarketKey(market));
      return this.place(
        manager,
        requests.map((item) => ({ market, item })),
        now,
      );
    });
  }

  /**
   * Matches and writes orders of markets whose locks this transaction holds: each market's orders in their
   * order of arrival, then every order and trade in one statement and every audit entry in one append.
   */
  private async place(
    manager: EntityManager,
    items: ReadonlyArray<MarketItem<OrderRequest>>,
    now: Date,
  ): Promise<PlacedOrder[]> {
    // Read under the locks: the policies and the buyers' KYC as they stand when the orders match.
    const organizations = await this.directory.getMany(
      items.map(({ item }) => OrganizationScope.of(item.actor).organizationId),
      manager,
    );
    const byMarket = new Map<string, Array<{ request: OrderRequest; incoming: IncomingOrder; i: number }>>();
    items.forEach(({ market, item: request }, i) => {
      const buyer = organizations.get(OrganizationScope.of(request.actor).organizationId);
      const incoming = toIncomingOrder(request, toPartySnapshot(buyer as OrganizationView));
      byMarket.set(market, [...(byMarket.get(market) ?? []), { request, incoming, i }]);
    });
    const providers = await this.catalog.requireMarkets([...byMarket.keys()].map(parseMarketKey), manager);
    // Every market's first candidate pages in one query, rather than a query per market and limit price.
    const firstPages = await this.matcher.firstPages(
      manager,
      [...byMarket].map(([key, group]) => ({
        market: parseMarketKey(key),
        maxPricesBps: group.map((entry) => entry.incoming.order.maxPriceBps),
      })),
      now,
    );

    const orders = new Array<NewBuyOrder>(items.length);
    const plans = new Array<TradePlan[]>(items.length);
    for (const [key, group] of byMarket) {
      const market = parseMarketKey(key);
      const { policy } = providers.get(market.providerCode) as Provider;
      const incoming = group.map((entry) => entry.incoming);
      const outcomes = await this.matcher.matchOrders(
        manager,
        market,
        policy,
        incoming,
        now,
        firstPages.get(key),
      );
      group.forEach(({ request, incoming: order, i }, j) => {
        const { result, plans: planned } = outcomes[j] as (typeof outcomes)[number];
        plans[i] = planned;
        orders[i] = toNewBuyOrder(market, request, order, result, now);
      });
    }

    // The orders with their amounts after matching, and their trades: one statement.
    const written = await this.matcher.record(manager, orders, plans.flat(), now);
    const rows = orders.map((order) => {
      const stored = written.orders.get(order.id);
      if (!stored) throw new Error(`order ${order.id} was not written`);
      return { ...order, ...stored };
    });
    // Last, so the audit chain's lock (held until commit) is not held across the rest of the work.
    await this.audit.appendAll(
      manager,
      rows.flatMap((row, i) => orderAuditEntries(row, items[i]!.item.actor, plans[i] as TradePlan[])),
    );
    const trades = tradesByOrder(written.trades);
    return rows.map((row) => ({ order: toOrderView(row), trades: trades.get(row.id) ?? [] }));
  }
}
