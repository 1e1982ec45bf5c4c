export * from './types';
export {
  DAY_MS,
  MAX_PRICE_BPS,
  MIN_PRICE_BPS,
  daysToExpiry,
  effectivePriceBps,
  isValidPriceBps,
  nextRepriceAtMs,
} from './pricing';
export { fillQuantity, transferMethodsIntersect } from './engine';
export { matchIncomingListing, matchIncomingOrder } from './match';
export { OrderBook, type BookSide, type Expired } from './order-book';
export { isValidPriceSpec } from './validation';
