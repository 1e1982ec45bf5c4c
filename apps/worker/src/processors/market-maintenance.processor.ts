import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { JobHandlerRegistry } from '@carryover/jobs';
import { ExpireMarketItemsUseCase, RepriceListingsUseCase } from '@carryover/market';

/** The market's maintenance jobs: expiry and schedule re-pricing; each handler only delegates. */
@Injectable()
export class MarketMaintenanceProcessor implements OnModuleInit {
  private readonly logger = new Logger(MarketMaintenanceProcessor.name);

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly expire: ExpireMarketItemsUseCase,
    private readonly reprice: RepriceListingsUseCase,
  ) {}

  onModuleInit(): void {
    this.registry.register('maintenance.expire-market', async () => {
      const { listings, orders } = await this.expire.execute();
      if (listings + orders > 0) this.logger.log(`Expired ${listings} listing(s) and ${orders} order(s)`);
    });
    this.registry.register('maintenance.reprice-listings', async () => {
      const repriced = await this.reprice.execute();
      if (repriced > 0) this.logger.log(`Re-priced ${repriced} scheduled listing(s)`);
    });
  }
}
