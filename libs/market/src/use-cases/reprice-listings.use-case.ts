import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@carryover/shared';
import { lockMarket } from '../matching/market-lock';
import { Repricer } from '../matching/repricer';
import { MarketMaintenanceRepository } from '../repositories/market-maintenance.repository';

/**
 * The re-pricing job: brings every scheduled listing past a tier boundary to its current price, market by
 * market under the market lock, one batch per transaction. Matching reprices its own market too (DESIGN
 * Matching rule 6); this keeps the shown book current where nothing trades. Running it again changes nothing.
 */
@Injectable()
export class RepriceListingsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly maintenance: MarketMaintenanceRepository,
    private readonly repricer: Repricer,
    private readonly clock: Clock,
  ) {}

  /** Returns how many listings were re-priced. */
  async execute(): Promise<number> {
    const now = this.clock.now();
    let repriced = 0;
    for (const market of await this.maintenance.marketsDueRepricing(now)) {
      // Each batch moves next_reprice_at past `now`, so the loop ends with an empty batch.
      let batch: number;
      do {
        batch = await this.dataSource.transaction(async (manager) => {
          await lockMarket(manager, market);
          return this.repricer.repriceDue(manager, now, market);
        });
        repriced += batch;
      } while (batch > 0);
    }
    return repriced;
  }
}
