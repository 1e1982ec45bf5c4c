export * from './escrow-ledger.module';
export { LEDGER_ENTITIES } from './ledger/ledger-entities';
export { LedgerService } from './ledger/ledger.service';
export {
  LEDGER_ACCOUNTS,
  type AccountBalance,
  type CurrencyTotals,
  type LedgerAccountCode,
  type LedgerBalances,
  type LedgerEntry,
  type LedgerJournal,
  type LedgerLine,
  type LedgerTrade,
  type NormalSide,
  type PostJournalCommand,
  type PostResult,
  type TradeLedgerBalances,
} from './ledger/ledger.types';
export * from './escrow-payments.module';
export {
  PaymentGateway,
  PaymentProviderUnavailableError,
  PaymentRequestRejectedError,
  WebhookSignatureError,
  type CreatePaymentOutcome,
  type GatewayAccount,
  type GatewayEvent,
  type GatewayOnboardingLink,
  type GatewayPaymentIntent,
  type PaymentError,
  type PaymentTrade,
} from './gateway/payment-gateway';
export { PAYMENT_ENTITIES } from './payments/payment-entities';
export { PAYMENT_STATUSES, type PaymentStatus } from './payments/trade-payment.entity';
export type { PaymentState } from './payments/payment-state';
export { PaymentQueryService } from './payments/payment-query.service';
export { HandleStripeEventUseCase } from './use-cases/handle-stripe-event.use-case';
export { PayForTradeUseCase } from './use-cases/pay-for-trade.use-case';
export * from './payouts';
