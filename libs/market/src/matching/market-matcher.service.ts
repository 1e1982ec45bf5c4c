import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { AuditService, type AuditActor, type AuditEntry } from '@carryover/audit';
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
import type { OutboxEventInput } from '@carryover/jobs';
import { Clock } from '@carryover/shared';
import type { TradeEntity } from '../entities/trade.entity';
import {
  CANDIDATE_PAGE,
  MarketCandidates,
  type ListingCandidate,
  type OrderCandidate,
} from './market-candidates.repository';
import { lockMarket, type Market } from './market-lock';
import { Repricer } from './repricer';
import { TradeWriter, type SellSide } from './trade-writer';

export const DEFAULT_PLATFORM_FEE_BPS = 500;

export interface IncomingOrder {
  order: BuyOrder;
  buyer: PartySnapshot;
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
   * Matches an incoming order and writes its trades. Their audit entries are NOT appended: the caller must
   * append `audit` (with its own entries) at the end of the transaction, so the chain lock is held briefly.
   */
  async matchOrder(
    manager: EntityManager,
    market: Market,
    policy: ProviderPolicy,
    incoming: IncomingOrder,
    now: Date,
    actor: AuditActor,
  ): Promise<{ result: MatchResult; trades: TradeEntity[]; audit: AuditEntry[] }> {
    const eligible = this.eligibility(policy, now);
    const found: ListingCandidate[] = [];
    let result: MatchResult;
    for (let offset = 0; ; offset += CANDIDATE_PAGE) {
      const page = await this.candidates.listingsFor(
        manager,
        market,
        incoming.order.maxPriceBps,
        now,
        offset,
      );
      found.push(...page);
      result = matchIncomingOrder(incoming.order, found, {
        nowMs: now.getTime(),
        isEligible: (order, listing) =>
          eligible(
            (listing as ListingCandidate).seller,
            (listing as ListingCandidate).lot,
            incoming.buyer,
            order,
          ),
      });
      if (result.remainingMinor === 0n || page.length < CANDIDATE_PAGE) break;
    }
    const byId = new Map(found.map((candidate) => [candidate.id, candidate]));
    const setting = { market, policy, feeBps: this.feeBps, now, actor };
    const trades: TradeEntity[] = [];
    const audit: AuditEntry[] = [];
    const events: OutboxEventInput[] = [];
    for (const fill of result.fills) {
      const listing = byId.get(fill.listingId) as ListingCandidate;
      const buy = {
        id: incoming.order.id,
        buyer: incoming.buyer,
        transferMethods: incoming.order.transferMethods ?? [],
      };
      const written = await this.trades.write(manager, fill, listing, buy, setting);
      trades.push(written.trade);
      audit.push(written.audit);
      events.push(...written.events);
    }
    await this.trades.announce(manager, events);
    return { result, trades, audit };
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
    const trades: TradeEntity[] = [];
    const audit: AuditEntry[] = [];
    const events: OutboxEventInput[] = [];
    for (const fill of result.fills) {
      const order = byId.get(fill.orderId) as OrderCandidate;
      const buy = { id: order.id, buyer: order.buyer, transferMethods: order.transferMethods ?? [] };
      const written = await this.trades.write(manager, fill, incoming.sell, buy, setting);
      trades.push(written.trade);
      audit.push(written.audit);
      events.push(...written.events);
    }
    await this.trades.announce(manager, events);
    await this.audit.appendAll(manager, audit);
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
