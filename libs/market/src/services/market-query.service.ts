import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ComplianceService } from '@carryover/compliance';
import { OrganizationScope, type Actor, type PageRequest } from '@carryover/identity';
import { NotFoundError, type Page } from '@carryover/shared';
import { toListingView, type ListingView } from '../domain/listing.view';
import type { ListingStatus } from '../entities/listing.entity';
import { toOrderView, type OrderView } from '../domain/order.view';
import { toTradeView, type TradeView } from '../domain/trade.view';
import { TradeEntity } from '../entities/trade.entity';
import { BuyOrderRepository } from '../repositories/buy-order.repository';
import { ListingRepository } from '../repositories/listing.repository';

export interface BookLevel {
  priceBps: number;
  quantityMinor: bigint;
  count: number;
}

/** Reads of the market: own listings and orders, any listing without its seller, and anonymous aggregates. */
@Injectable()
export class MarketQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly listings: ListingRepository,
    private readonly orders: BuyOrderRepository,
    private readonly compliance: ComplianceService,
  ) {}

  async ownListings(
    actor: Actor,
    request: PageRequest & { providerCode?: string; status?: ListingStatus },
  ): Promise<Page<ListingView>> {
    const where = {
      ...(request.providerCode ? { providerCode: request.providerCode } : {}),
      ...(request.status ? { status: request.status } : {}),
    };
    const page = await this.listings.scoped.page(OrganizationScope.of(actor), request, where);
    const results = await this.compliance.latestFor(
      'listing',
      page.data.map((row) => row.id),
    );
    return {
      data: page.data.map((row) => toListingView(row, results.get(row.id) ?? null)),
      nextCursor: page.nextCursor,
    };
  }

  /** Everyone's listings in the market (the controller hides sellers), newest first; open ones by default. */
  async browse(
    request: PageRequest & { providerCode?: string; status?: ListingStatus },
  ): Promise<Page<ListingView & { organizationId: string }>> {
    const page = await this.listings.browse(request);
    return { data: page.data.map((row) => toListingView(row, null)), nextCursor: page.nextCursor };
  }

  /** Any listing; `mine` tells the caller whether it is theirs (the controller hides the seller otherwise). */
  async listing(actor: Actor, id: string): Promise<{ listing: ListingView; mine: boolean }> {
    const row = await this.listings.findById(id);
    if (!row) throw new NotFoundError('Listing', id);
    const mine = row.organizationId === actor.organizationId;
    const compliance = mine ? await this.compliance.latest('listing', row.id) : null;
    return { listing: toListingView(row, compliance), mine };
  }

  async ownOrders(actor: Actor, request: PageRequest): Promise<Page<OrderView>> {
    const page = await this.orders.scoped.page(OrganizationScope.of(actor), request);
    return { data: page.data.map(toOrderView), nextCursor: page.nextCursor };
  }

  async ownOrder(actor: Actor, id: string): Promise<OrderView> {
    return toOrderView(await this.orders.scoped.getById(OrganizationScope.of(actor), id));
  }

  /** Aggregated resting quantity per price level, best first; no organisation appears. */
  async book(
    providerCode: string,
    currency: string,
    now: Date,
  ): Promise<{ asks: BookLevel[]; bids: BookLevel[] }> {
    const [asks, bids] = await Promise.all([
      this.dataSource.query(
        `SELECT effective_price_bps AS price, sum(remaining_minor)::text AS quantity, count(*)::int AS count
           FROM listings WHERE provider_code = $1 AND currency = $2 AND status IN ('active', 'partially_filled')
            AND tradable_until > $3
          GROUP BY effective_price_bps ORDER BY effective_price_bps ASC LIMIT 200`,
        [providerCode, currency, now],
      ),
      this.dataSource.query(
        `SELECT max_price_bps AS price, sum(remaining_minor)::text AS quantity, count(*)::int AS count
           FROM buy_orders WHERE provider_code = $1 AND currency = $2 AND status IN ('open', 'partially_filled')
            AND (good_till IS NULL OR good_till > $3)
          GROUP BY max_price_bps ORDER BY max_price_bps DESC LIMIT 200`,
        [providerCode, currency, now],
      ),
    ]);
    const level = (row: { price: number; quantity: string; count: number }): BookLevel => ({
      priceBps: row.price,
      quantityMinor: BigInt(row.quantity),
      count: row.count,
    });
    return { asks: asks.map(level), bids: bids.map(level) };
  }

  /** Recent executions in a market, newest first, without counterparties. */
  async recentTrades(
    providerCode: string,
    limit: number,
  ): Promise<Array<Pick<TradeView, 'priceBps' | 'quantityMinor' | 'daysToExpiry' | 'executedAt'>>> {
    const rows = await this.dataSource.getRepository(TradeEntity).find({
      where: { providerCode },
      order: { executedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    return rows.map((row) => {
      const trade = toTradeView(row);
      return {
        priceBps: trade.priceBps,
        quantityMinor: trade.quantityMinor,
        daysToExpiry: trade.daysToExpiry,
        executedAt: trade.executedAt,
      };
    });
  }
}
