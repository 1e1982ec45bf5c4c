import { BuyOrderEntity } from './entities/buy-order.entity';
import { ListingEntity } from './entities/listing.entity';
import { TradeEventEntity } from './entities/trade-event.entity';
import { TradeEntity } from './entities/trade.entity';

export const MARKET_ENTITIES = [ListingEntity, BuyOrderEntity, TradeEntity, TradeEventEntity];

export * from './market.module';
export { ORDER_STATUSES, type OrderStatus } from './entities/buy-order.entity';
export { LISTING_STATUSES, type ListingStatus } from './entities/listing.entity';
export { TRADE_STATUSES, type TradeStatus } from './entities/trade.entity';
export type { ListingView } from './domain/listing.view';
export type { OrderView } from './domain/order.view';
export type { TradeView } from './domain/trade.view';
export { BOOK_QUERY, MarketQueryService, type BookLevel } from './services/market-query.service';
export {
  EXPIRY_BUCKETS,
  MarketStatsService,
  type ExpiryBucketStats,
  type MarketStats,
} from './services/market-stats.service';
export { CancelBuyOrderUseCase } from './use-cases/cancel-buy-order.use-case';
export { CancelListingUseCase } from './use-cases/cancel-listing.use-case';
export { CreateListingUseCase, type CreateListingCommand } from './use-cases/create-listing.use-case';
export { PlaceBuyOrderUseCase, type PlaceBuyOrderCommand } from './use-cases/place-buy-order.use-case';
export {
  TradeQueryService,
  type TradeDetail,
  type TradeFilter,
  type TradeTimelineEntry,
} from './services/trade-query.service';
export { ExpireMarketItemsUseCase, type ExpiryReport } from './use-cases/expire-market-items.use-case';
export { RepriceListingsUseCase } from './use-cases/reprice-listings.use-case';
export {
  TradeQuantityReturn,
  type ReturnableTrade,
  type ReturnedQuantity,
} from './services/trade-quantity-return.service';
