import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { CreditLotHoldings } from '@carryover/credits';
import { auditActorOf, OrganizationScope, type Actor } from '@carryover/identity';
import { Clock, ConflictError, NotFoundError } from '@carryover/shared';
import { ListingEntity } from '../entities/listing.entity';
import { lockMarket } from '../matching/market-lock';
import { ListingRepository } from '../repositories/listing.repository';

const CLOSED = new Set(['filled', 'cancelled', 'expired', 'rejected']);

/** The seller withdraws a listing's unsold remainder; it returns to the lot's available amount. */
@Injectable()
export class CancelListingUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly listings: ListingRepository,
    private readonly holdings: CreditLotHoldings,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    listingId: string,
  ): Promise<{ id: string; status: 'cancelled'; cancelledMinor: bigint }> {
    const scope = OrganizationScope.of(actor);
    return this.dataSource.transaction(async (manager) => {
      const known = await this.listings.scoped.withManager(manager).getById(scope, listingId);
      await lockMarket(manager, { providerCode: known.providerCode, currency: known.currency });
      const listing = await this.listings.lockById(manager, listingId);
      if (!listing) throw new NotFoundError('Listing', listingId);
      if (CLOSED.has(listing.status))
        throw new ConflictError('already_closed', `This listing is already ${listing.status}.`);

      const now = this.clock.now();
      await manager
        .getRepository(ListingEntity)
        .update({ id: listing.id }, { status: 'cancelled', remainingMinor: 0n, closedAt: now });
      await this.holdings.unlist(manager, listing.creditLotId, listing.remainingMinor);
      await this.audit.append(manager, {
        actor: auditActorOf(actor),
        action: 'market.listing_cancelled',
        entity: 'listing',
        entityId: listing.id,
        data: {
          cancelledMinor: listing.remainingMinor.toString(),
          filledMinor: listing.filledMinor.toString(),
        },
      });
      return { id: listing.id, status: 'cancelled' as const, cancelledMinor: listing.remainingMinor };
    });
  }
}
