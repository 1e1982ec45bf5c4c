import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@carryover/audit';
import { CatalogModule } from '@carryover/catalog';
import { ComplianceModule } from '@carryover/compliance';
import { CreditsModule } from '@carryover/credits';
import { IdentityModule } from '@carryover/identity';
import { OutboxModule } from '@carryover/jobs';
import { BuyOrderEntity } from './entities/buy-order.entity';
import { ListingEntity } from './entities/listing.entity';
import { TradeEventEntity } from './entities/trade-event.entity';
import { TradeEntity } from './entities/trade.entity';
import { MarketCandidates } from './matching/market-candidates.repository';
import { MarketMatcher } from './matching/market-matcher.service';
import { Repricer } from './matching/repricer';
import { TradeWriter } from './matching/trade-writer';
import { BuyOrderRepository } from './repositories/buy-order.repository';
import { ListingRepository } from './repositories/listing.repository';
import { MarketMaintenanceRepository } from './repositories/market-maintenance.repository';
import { MarketQueryService } from './services/market-query.service';
import { MarketStatsService } from './services/market-stats.service';
import { TradeQueryService } from './services/trade-query.service';
import { TradeQuantityReturn } from './services/trade-quantity-return.service';
import { CancelBuyOrderUseCase } from './use-cases/cancel-buy-order.use-case';
import { CancelListingUseCase } from './use-cases/cancel-listing.use-case';
import { CreateListingUseCase } from './use-cases/create-listing.use-case';
import { DecideListingReview } from './use-cases/decide-listing-review';
import { ExpireMarketItemsUseCase } from './use-cases/expire-market-items.use-case';
import { PlaceBuyOrderUseCase } from './use-cases/place-buy-order.use-case';
import { RepriceListingsUseCase } from './use-cases/reprice-listings.use-case';

const USE_CASES = [CreateListingUseCase, PlaceBuyOrderUseCase, CancelListingUseCase, CancelBuyOrderUseCase];
// Run by the worker's maintenance jobs.
const MAINTENANCE_USE_CASES = [ExpireMarketItemsUseCase, RepriceListingsUseCase];

@Module({
  imports: [
    TypeOrmModule.forFeature([ListingEntity, BuyOrderEntity, TradeEntity, TradeEventEntity]),
    AuditModule,
    CatalogModule,
    ComplianceModule,
    CreditsModule,
    IdentityModule,
    OutboxModule,
  ],
  providers: [
    ListingRepository,
    BuyOrderRepository,
    MarketCandidates,
    Repricer,
    TradeWriter,
    MarketMatcher,
    MarketQueryService,
    MarketStatsService,
    TradeQueryService,
    DecideListingReview,
    TradeQuantityReturn,
    MarketMaintenanceRepository,
    ...USE_CASES,
    ...MAINTENANCE_USE_CASES,
  ],
  exports: [
    MarketQueryService,
    MarketStatsService,
    TradeQueryService,
    TradeQuantityReturn,
    Repricer,
    ...USE_CASES,
    ...MAINTENANCE_USE_CASES,
  ],
})
export class MarketModule {}
