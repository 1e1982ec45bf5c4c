import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, systemActor } from '@carryover/audit';
import { CreditLotHoldings } from '@carryover/credits';
import { OutboxService } from '@carryover/jobs';
import { Clock } from '@carryover/shared';
import { lockMarket, type Market } from '../matching/market-lock';
import { MarketMaintenanceRepository } from '../repositories/market-maintenance.repository';

/** Rows closed per transaction: bounds how long one market's lock is held. */
export const EXPIRY_BATCH_SIZE = 500;

/** How many listings and buy orders one sweep closed as expired. */
export interface ExpiryReport {
  listings: number;
  orders: number;
}

/**
 * The sweeper of the maintenance job: closes listings past tradableUntil (their remainder returns to the lot)
 * and buy orders past goodTill, market by market under the market lock, in bounded batches. Running it
 * again changes nothing; matching already ignores these rows before the sweep (DESIGN Matching rule 5).
 */
@Injectable()
export class ExpireMarketItemsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly maintenance: MarketMaintenanceRepository,
    private readonly holdings: CreditLotHoldings,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
  ) {}

  async execute(): Promise<ExpiryReport> {
    const now = this.clock.now();
    const report: ExpiryReport = { listings: 0, orders: 0 };
    for (const market of await this.maintenance.marketsWithExpiredItems(now)) {
      for (;;) {
        const batch = await this.dataSource.transaction((manager) => this.expireBatch(manager, market, now));
        report.listings += batch.listings;
        report.orders += batch.orders;
        if (batch.listings < EXPIRY_BATCH_SIZE && batch.orders < EXPIRY_BATCH_SIZE) break;
      }
    }
    return report;
  }

  private async expireBatch(manager: EntityManager, market: Market, now: Date): Promise<ExpiryReport> {
    await lockMarket(manager, market);
    const listings = await this.maintenance.expireListings(manager, market, now, EXPIRY_BATCH_SIZE);
    // One update per lot, not per listing: a lot split across many listings is touched once.
    const releasedByLot = new Map<string, bigint>();
    for (const { creditLotId, releasedMinor } of listings) {
      releasedByLot.set(creditLotId, (releasedByLot.get(creditLotId) ?? 0n) + releasedMinor);
    }
    for (const [lotId, released] of releasedByLot) {
      if (released > 0n) await this.holdings.unlist(manager, lotId, released);
    }
    const orders = await this.maintenance.expireOrders(manager, market, now, EXPIRY_BATCH_SIZE);
    // The sellers hear about it (in-app, e-mail, webhooks) only if the expiry commits.
    await this.outbox.publish(
      manager,
      listings.map((listing) => ({
        name: 'listing.expired' as const,
        payload: { listingId: listing.id, organizationId: listing.organizationId },
      })),
    );

    // Audit last: its chain lock is global, so it is held only for the appends.
    for (const listing of listings) {
      await this.audit.append(manager, {
        actor: systemActor(),
        action: 'market.listing_expired',
        entity: 'listing',
        entityId: listing.id,
        data: {
          expiredMinor: listing.releasedMinor.toString(),
          filledMinor: listing.filledMinor.toString(),
          tradableUntil: listing.tradableUntil.toISOString(),
        },
      });
    }
    for (const order of orders) {
      await this.audit.append(manager, {
        actor: systemActor(),
        action: 'market.order_expired',
        entity: 'buy_order',
        entityId: order.id,
        data: {
          expiredMinor: order.releasedMinor.toString(),
          filledMinor: order.filledMinor.toString(),
          goodTill: order.goodTill.toISOString(),
        },
      });
    }
    return { listings: listings.length, orders: orders.length };
  }
}
