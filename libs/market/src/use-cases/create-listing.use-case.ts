import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { CatalogService } from '@carryover/catalog';
import {
  ComplianceService,
  ReviewQueue,
  toPartySnapshot,
  toPolicySnapshot,
  tradableUntil,
} from '@carryover/compliance';
import { CreditLotHoldings } from '@carryover/credits';
import { auditActorOf, OrganizationDirectory, OrganizationScope, type Actor } from '@carryover/identity';
import type { PriceSpec } from '@carryover/matching';
import { BusinessRuleError, Clock, NotFoundError } from '@carryover/shared';
import { toListingView, type ListingView } from '../domain/listing.view';
import { toTradeView, type TradeView } from '../domain/trade.view';
import { ListingRepository } from '../repositories/listing.repository';
import { MarketMatcher } from '../matching/market-matcher.service';
import { priceAt } from '../matching/repricer';
import { assertListingTerms, toSellSide, toEngineListing } from './listing-terms';

export interface CreateListingCommand {
  creditLotId: string;
  quantityMinor: bigint;
  price: PriceSpec;
  minFillMinor?: bigint;
}

/**
 * A seller offers part of a lot. Compliance decides first (block: 422; review: waits for an operator);
 * an active listing is matched against resting buy orders, all in one transaction.
 */
@Injectable()
export class CreateListingUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly directory: OrganizationDirectory,
    private readonly holdings: CreditLotHoldings,
    private readonly compliance: ComplianceService,
    private readonly reviews: ReviewQueue,
    private readonly listings: ListingRepository,
    private readonly matcher: MarketMatcher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    command: CreateListingCommand,
  ): Promise<{ listing: ListingView; trades: TradeView[] }> {
    const scope = OrganizationScope.of(actor);
    return this.dataSource.transaction(async (manager) => {
      // The market lock comes before any row lock, the same order the matcher uses, so no deadlock.
      const known = await this.holdings.findOwn(manager, scope, command.creditLotId);
      const market = { providerCode: known.providerCode, currency: known.currency };
      const now = await this.matcher.prepare(manager, market);
      const lot = await this.holdings.lockOwn(manager, scope, command.creditLotId);
      const provider = await this.catalog.findProvider(lot.providerCode, manager);
      if (!provider) throw new NotFoundError('Provider', lot.providerCode);
      assertListingTerms(command, provider.policy.minDaysToExpiry);

      const until = tradableUntil(lot.expiresAt, provider.policy.minDaysToExpiry);
      const seller = toPartySnapshot(await this.directory.get(scope.organizationId, manager));
      const result = this.compliance.evaluate({
        policy: toPolicySnapshot(provider.policy),
        seller,
        lot,
        listing: { quantityMinor: command.quantityMinor },
        at: now,
      });
      if (result.outcome === 'block') {
        throw new BusinessRuleError(
          'compliance_blocked',
          'This listing breaks the provider’s resale terms.',
          {
            compliance: {
              outcome: result.outcome,
              policyVersion: result.policyVersion,
              checks: result.checks,
            },
          },
        );
      }
      await this.holdings.list(manager, lot.id, command.quantityMinor);
      const pricing = priceAt(command.price, lot.expiresAt, now);
      const row = await this.listings.insert(manager, {
        organizationId: scope.organizationId,
        creditLotId: lot.id,
        providerCode: lot.providerCode,
        currency: lot.currency,
        quantityMinor: command.quantityMinor,
        remainingMinor: command.quantityMinor,
        priceBps: typeof command.price === 'number' ? command.price : null,
        priceSchedule: typeof command.price === 'number' ? null : [...command.price],
        effectivePriceBps: pricing.effectivePriceBps as number,
        nextRepriceAt: pricing.nextRepriceAt,
        minFillMinor: command.minFillMinor ?? 1n,
        expiresAt: lot.expiresAt,
        tradableUntil: until,
        transferMethods: lot.transferMethods,
        status: result.outcome === 'review' ? 'pending_review' : 'active',
        createdByUserId: actor.userId,
      });
      const stored = await this.compliance.record(
        manager,
        { subjectType: 'listing', subjectId: row.id, context: 'listing' },
        result,
      );
      await this.listings.setCompliance(manager, row.id, stored.id);
      await this.audit.append(manager, {
        actor: auditActorOf(actor),
        action: 'market.listing_created',
        entity: 'listing',
        entityId: row.id,
        data: {
          creditLotId: lot.id,
          quantityMinor: row.quantityMinor.toString(),
          status: row.status,
          policyVersion: stored.policyVersion,
        },
      });
      if (row.status === 'pending_review') {
        await this.reviews.open(manager, {
          subjectType: 'listing',
          subjectId: row.id,
          organizationId: scope.organizationId,
          complianceResultId: stored.id,
          summary: `Listing of ${row.quantityMinor} ${row.currency} (minor units) of ${provider.name} credit`,
          checks: stored.checks.filter((check) => check.outcome !== 'pass'),
        });
        return { listing: toListingView(row, stored), trades: [] };
      }
      const { trades } = await this.matcher.matchListing(
        manager,
        market,
        provider.policy,
        { listing: toEngineListing(row), sell: toSellSide(row, seller, lot) },
        now,
        auditActorOf(actor),
      );
      const after = await this.listings.get(manager, row.id);
      return { listing: toListingView(after, stored), trades: trades.map(toTradeView) };
    });
  }
}
