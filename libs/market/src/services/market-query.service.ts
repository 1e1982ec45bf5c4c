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

/** Price levels shown per side of the book. */
const BOOK_LEVELS_SHOWN = 200;

function bookSide(name: 'ask' | 'bid', lapsed: string, order: 'ASC' | 'DESC'): string {
  return `
      SELECT '${name}' AS side, level.price_bps AS price,
             (level.quantity_minor - coalesce(lapsed.quantity, 0))::text AS quantity,
             (level.entries - coalesce(lapsed.entries, 0))::int AS count
        FROM book_levels level
        LEFT JOIN (${lapsed}) lapsed ON lapsed.price_bps = level.price_bps
       WHERE level.provider_code = $1 AND level.currency = $2 AND level.side = '${name}'
         AND level.entries - coalesce(lapsed.entries, 0) > 0
       ORDER BY level.price_bps ${order} LIMIT ${BOOK_LEVELS_SHOWN}`;
}

/** What has lapsed but not been swept yet, per price: listings past tradableUntil. */
const LAPSED_ASKS = `
  SELECT effective_price_bps AS price_bps, sum(remaining_minor) AS quantity, count(*) AS entries
    FROM listings
   WHERE provider_code = $1 AND currency = $2 AND status IN ('active', 'partially_filled') AND tradable_until <= $3
   GROUP BY effective_price_bps`;

/** Buy orders past goodTill, per price. */
const LAPSED_BIDS = `
  SELECT max_price_bps AS price_bps, sum(remaining_minor) AS quantity, count(*) AS entries
    FROM buy_orders
   WHERE provider_code = $1 AND currency = $2 AND status IN ('open', 'partially_filled') AND good_till <= $3
   GROUP BY max_price_bps`;

/** Both sides of one market's book, best first: $1 provider code, $2 currency, $3 now. */
export const BOOK_QUERY = `(${bookSide('ask', LAPSED_ASKS, 'ASC')}) UNION ALL (${bookSide('bid', LAPSED_BIDS, 'DESC')})`;

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

  /**
   * Aggregated resting quantity per price level, best first; no organisation appears. Reads the maintained
   * price levels (book_levels) and takes off what has lapsed but not yet been swept (listings past
   * tradableUntil, orders past goodTill): the cost follows the levels shown, not the resting entries.
   */
  async book(
    providerCode: string,
    currency: string,
    now: Date,
  ): Promise<{ asks: BookLevel[]; bids: BookLevel[] }> {
    const rows = (await this.dataSource.query(BOOK_QUERY, [providerCode, currency, now])) as {
      side: 'ask' | 'bid';
      price: number;
      quantity: string;
      count: number;
    }[];
    const asks = rows.filter((row) => row.side === 'ask');
    const bids = rows.filter((row) => row.side === 'bid');
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
