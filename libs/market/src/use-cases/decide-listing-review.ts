import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { CatalogService } from '@carryover/catalog';
import { ReviewHandlers, toPartySnapshot, type ReviewDecision } from '@carryover/compliance';
import { CreditLotHoldings } from '@carryover/credits';
import { auditActorOf, OrganizationDirectory, type Actor } from '@carryover/identity';
import { Clock, ConflictError, NotFoundError } from '@carryover/shared';
import { ListingEntity } from '../entities/listing.entity';
import { MarketMatcher } from '../matching/market-matcher.service';
import { ListingRepository } from '../repositories/listing.repository';
import { toEngineListing, toSellSide } from './listing-terms';

/** An operator's decision on a listing held for review: approve puts it in the book (and matches it), reject frees its quantity. */
@Injectable()
export class DecideListingReview implements OnModuleInit {
  constructor(
    private readonly handlers: ReviewHandlers,
    private readonly listings: ListingRepository,
    private readonly holdings: CreditLotHoldings,
    private readonly catalog: CatalogService,
    private readonly directory: OrganizationDirectory,
    private readonly matcher: MarketMatcher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.handlers.register('listing', (manager, actor, id, decision, reason) =>
      this.execute(manager, actor, id, decision, reason),
    );
  }

  async execute(
    manager: EntityManager,
    actor: Actor,
    listingId: string,
    decision: ReviewDecision,
    reason: string,
  ): Promise<void> {
    const known = await this.listings.get(manager, listingId);
    const market = { providerCode: known.providerCode, currency: known.currency };
    const now = await this.matcher.prepare(manager, market);
    const listing = await this.listings.lockById(manager, listingId);
    if (!listing) throw new NotFoundError('Listing', listingId);
    if (listing.status !== 'pending_review')
      throw new ConflictError('listing_not_in_review', `This listing is ${listing.status}.`);

    const repository = manager.getRepository(ListingEntity);
    await this.audit.append(manager, {
      actor: auditActorOf(actor),
      action: decision === 'approve' ? 'market.listing_approved' : 'market.listing_rejected',
      entity: 'listing',
      entityId: listing.id,
      data: { quantityMinor: listing.remainingMinor.toString() },
      reason,
    });
    if (decision === 'reject') {
      await repository.update({ id: listing.id }, { status: 'rejected', remainingMinor: 0n, closedAt: now });
      await this.holdings.unlist(manager, listing.creditLotId, listing.remainingMinor);
      return;
    }
    await repository.update({ id: listing.id }, { status: 'active' });
    const provider = await this.catalog.findProvider(listing.providerCode, manager);
    if (!provider) throw new NotFoundError('Provider', listing.providerCode);
    const seller = toPartySnapshot(await this.directory.get(listing.organizationId, manager));
    const lot = await this.holdings.get(manager, listing.creditLotId);
    await this.matcher.matchListing(
      manager,
      market,
      provider.policy,
      { listing: toEngineListing(listing), sell: toSellSide(listing, seller, lot) },
      now,
      auditActorOf(actor),
    );
  }
}
