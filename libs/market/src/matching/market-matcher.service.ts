import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { AuditService, type AuditActor } from '@carryover/audit';
import type { ProviderPolicy } from '@carryover/catalog';
import {
  ComplianceService,
  toPolicySnapshot,
  type ComplianceRuleName,
  type PartySnapshot,
} from '@carryover/compliance';
import {
  daysToExpiry,
  effectivePriceBps,
  MAX_PRICE_BPS,
  matchIncomingListing,
  matchIncomingOrder,
  type BuyOrder,
  type Listing,
  type MatchResult,
} from '@carryover/matching';
import { Clock } from '@carryover/shared';
import type { TradeEntity } from '../entities/trade.entity';
import type { NewBuyOrder } from '../repositories/buy-order.repository';
import {
  CANDIDATE_PAGE,
  MarketCandidates,
  type ListingCandidate,
  type OrderCandidate,
} from './market-candidates.repository';
import { lockMarket, marketKey, tryLockMarkets, type Market } from './market-lock';
import { Repricer } from './repricer';
import { TradeWriter, type SellSide, type TradePlan } from './trade-writer';

export const DEFAULT_PLATFORM_FEE_BPS = 500;

export interface IncomingOrder {
  order: BuyOrder;
  buyer: PartySnapshot;
  actor: AuditActor;
}

export interface IncomingListing {
  listing: Listing;
  sell: SellSide;
}

/**
 * The database matcher: with the market locked, it feeds index-ordered candidates to the pure engine
 * (libs/matching) and writes the fills it decides. Compliance is re-checked for each concrete pair.
 */
@Injectable()
export class MarketMatcher {
  private readonly feeBps: number;

  constructor(
    private readonly candidates: MarketCandidates,
    private readonly repricer: Repricer,
    private readonly compliance: ComplianceService,
    private readonly trades: TradeWriter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    config: ConfigService,
  ) {
    this.feeBps = Number(config.get('PLATFORM_FEE_BPS') ?? DEFAULT_PLATFORM_FEE_BPS);
  }

  /**
   * Takes the market's lock and brings due schedule prices up to date; call before reading the book.
   * Returns the time to match at, read once the lock is held: the wait for it can be long.
   */
  async prepare(manager: EntityManager, market: Market): Promise<Date> {
    await lockMarket(manager, market);
    const now = this.clock.now();
    await this.repricer.repriceDue(manager, now, market);
    return now;
  }

  /**
   * Takes the locks of those markets nobody holds, without waiting, and brings their due schedule prices up
   * to date; returns the time to match at and the keys (`marketKey`) of the markets locked.
   */
  async tryPrepare(
    manager: EntityManager,
    markets: readonly Market[],
  ): Promise<{ now: Date; held: Set<string> }> {
    const held = await tryLockMarkets(manager, markets);
    const now = this.clock.now();
    const locked = markets.filter((market) => held.has(marketKey(market)));
    if (locked.length > 0) await this.repricer.repriceDue(manager, now, locked);
    return { now, held };
  }

  /**
   * Decides the fills of several incoming orders, one after another in the given order, as if each had
   * been matched and written before the next: a listing's quantity taken by an earlier order of the batch
   * is not offered again. Nothing is written; the caller writes the orders, then `record`s the trades, and
   * appends the trades' audit entries at the end of the transaction (the chain lock is held until commit).
   * Candidate pages are read once per limit price and offset for the whole batch; the pages at offset 0
   * come from `firstPages` (this market's entry of the `firstPages` method, by limit price) when given.
   */
  async matchOrders(
    manager: EntityManager,
    market: Market,
    policy: ProviderPolicy,
    incoming: readonly IncomingOrder[],
    now: Date,
    firstPages: ReadonlyMap<number, ListingCandidate[]> = new Map(),
  ): Promise<Array<{ result: MatchResult; plans: TradePlan[] }>> {
    const eligible = this.eligibility(policy, now);
    const pages = new Map<string, ListingCandidate[]>(
      [...firstPages].map(([maxPriceBps, page]) => [`${maxPriceBps}:0`, page]),
    );
    const taken = new Map<string, bigint>();
    const outcomes: Array<{ result: MatchResult; plans: TradePlan[] }> = [];
    for (const { order, buyer, actor } of incoming) {
      const found: ListingCandidate[] = [];
      let result: MatchResult;
      for (let offset = 0; ; offset += CANDIDATE_PAGE) {
        const key = `${order.maxPriceBps}:${offset}`;
        let page = pages.get(key);
        if (!page) {
          page = await this.candidates.listingsFor(manager, market, order.maxPriceBps, now, offset);
          pages.set(key, page);
        }
        for (const candidate of page) {
          const left = candidate.quantityMinor - (taken.get(candidate.id) ?? 0n);
          if (left > 0n)
            found.push(left === candidate.quantityMinor ? candidate : { ...candidate, quantityMinor: left });
        }
        result = matchIncomingOrder(order, found, {
          nowMs: now.getTime(),
          isEligible: (buyOrder, listing) =>
            eligible(
              (listing as ListingCandidate).seller,
              (listing as ListingCandidate).lot,
              buyer,
              buyOrder,
            ),
        });
        if (result.remainingMinor === 0n || page.length < CANDIDATE_PAGE) break;
      }
      const byId = new Map(found.map((candidate) => [candidate.id, candidate]));
      const setting = { market, policy, feeBps: this.feeBps, now, actor };
      const buy = { id: order.id, buyer, transferMethods: order.transferMethods ?? [] };
      const plans = result.fills.map((fill, i) => {
        taken.set(fill.listingId, (taken.get(fill.listingId) ?? 0n) + fill.quantityMinor);
        const completesOrder = result.remainingMinor === 0n && i === result.fills.length - 1;
        const listing = byId.get(fill.listingId) as ListingCandidate;
        return this.trades.plan(fill, listing, buy, setting, completesOrder);
      });
      outcomes.push({ result, plans });
    }
    return outcomes;
  }

  /**
   * The first candidate page of every limit price of every market of a batch, in one query: by market key
   * (`marketKey`), then by limit price. Read with the markets' locks held, like every candidate page.
   * Each market's page is read once, at its highest limit price: the first page at a lower limit is that
   * page's listings priced at or under it (cheapest first, so they come first; if the page holds a dearer
   * one, it holds every one under the lower limit).
   */
  async firstPages(
    manager: EntityManager,
    wanted: ReadonlyArray<{ market: Market; maxPricesBps: Iterable<number> }>,
    now: Date,
  ): Promise<Map<string, Map<number, ListingCandidate[]>>> {
    const markets = wanted.map(({ market, maxPricesBps }) => ({
      market,
      prices: [...new Set(maxPricesBps)],
    }));
    const pages = await this.candidates.firstListingPages(
      manager,
      markets.map(({ market, prices }) => ({ ...market, maxPriceBps: Math.max(...prices) })),
      now,
    );
    const byMarket = new Map<string, Map<number, ListingCandidate[]>>();
    markets.forEach(({ market, prices }, i) => {
      const { candidates, pricesBps } = pages[i] as (typeof pages)[number];
      const byPrice = new Map<number, ListingCandidate[]>();
      for (const price of prices) {
        const within = pricesBps.filter((priceBps) => priceBps <= price).length;
        byPrice.set(price, within === candidates.length ? candidates : candidates.slice(0, within));
      }
      byMarket.set(marketKey(market), byPrice);
    });
    return byMarket;
  }

  /** Writes new buy orders, with their amounts after matching, and the trades planned for them. */
  async record(
    manager: EntityManager,
    orders: readonly NewBuyOrder[],
    plans: readonly TradePlan[],
    now: Date,
  ): Promise<{ trades: TradeEntity[]; orders: Map<string, { createdAt: Date; updatedAt: Date }> }> {
    return this.trades.persist(manager, plans, { fillOrders: false, now, newOrders: orders });
  }

  async matchListing(
    manager: EntityManager,
    market: Market,
    policy: ProviderPolicy,
    incoming: IncomingListing,
    now: Date,
    actor: AuditActor,
  ): Promise<{ result: MatchResult; trades: TradeEntity[] }> {
    const eligible = this.eligibility(policy, now);
    const floor = minimumPrice(incoming.listing, now);
    const found: OrderCandidate[] = [];
    let result: MatchResult;
    for (let offset = 0; ; offset += CANDIDATE_PAGE) {
      const page = await this.candidates.ordersFor(manager, market, floor, now, offset);
      found.push(...page);
      result = matchIncomingListing(incoming.listing, found, {
        nowMs: now.getTime(),
        isEligible: (order) =>
          eligible(incoming.sell.seller, incoming.sell.lot, (order as OrderCandidate).buyer, order),
      });
      if (result.remainingMinor === 0n || page.length < CANDIDATE_PAGE) break;
    }
    const byId = new Map(found.map((candidate) => [candidate.id, candidate]));
    const setting = { market, policy, feeBps: this.feeBps, now, actor };
    const plans = result.fills.map((fill) => {
      const order = byId.get(fill.orderId) as OrderCandidate;
      const buy = { id: order.id, buyer: order.buyer, transferMethods: order.transferMethods ?? [] };
      return this.trades.plan(fill, incoming.sell, buy, setting, fill.restingRemainingMinor === 0n);
    });
    const { trades } = await this.trades.persist(manager, plans, { fillOrders: true, now });
    await this.audit.appendAll(
      manager,
      plans.map((plan) => plan.audit),
    );
    return { result, trades };
  }

  /**
   * A pair may trade only when no rule blocks it and every rule passes for this buyer and method. A review
   * of the listing itself (seller KYC, lot verification, lot size) was settled before it entered the book,
   * by the rules or by an operator's approval, so it does not hold the pair back again.
   */
  private eligibility(policy: ProviderPolicy, now: Date) {
    const snapshot = toPolicySnapshot(policy);
    return (
      seller: PartySnapshot,
      lot: ListingCandidate['lot'],
      buyer: PartySnapshot,
      order: BuyOrder,
    ): boolean =>
      this.compliance
        .evaluate({
          policy: snapshot,
          seller,
          lot,
          buyer,
          transferMethods:
            order.transferMethods && order.transferMethods.length > 0
              ? (order.transferMethods as ListingCandidate['lot']['transferMethods'])
              : undefined,
          at: now,
        })
        .checks.every(
          (check) =>
            check.outcome === 'pass' || (check.outcome === 'review' && LISTING_REVIEW_RULES.has(check.rule)),
        );
  }
}

/** Rules whose review an operator decides on the listing, before it can be matched at all. */
const LISTING_REVIEW_RULES: ReadonlySet<ComplianceRuleName> = new Set<ComplianceRuleName>([
  'seller_kyc_not_verified',
  'lot_not_verified',
  'lot_above_policy_maximum',
]);

/** The lowest bid that can fill an incoming listing: its price now (a schedule's current tier). */
function minimumPrice(listing: Listing, now: Date): number {
  return (
    effectivePriceBps(listing.price, daysToExpiry(listing.expiresAtMs, now.getTime())) ?? MAX_PRICE_BPS + 1
  );
}
