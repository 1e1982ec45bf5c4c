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
  type GatewayCharge,
  type GatewayEvent,
  type GatewayOnboardingLink,
  type GatewayPaymentIntent,
  type GatewayRefund,
  type GatewayTransfer,
  type PaymentError,
  type PaymentTrade,
  type RefundRequest,
  type TransferRequest,
} from './gateway/payment-gateway';
export { PROVIDER_RETRY_POLICY, type RetryPolicy } from './gateway/provider-retry';
export { STRIPE_WEBHOOK_EVENTS } from './gateway/stripe-webhook-events';
export { PAYMENT_ENTITIES } from './payments/payment-entities';
export { PAYMENT_STATUSES, type PaymentStatus } from './payments/trade-payment.entity';
export type { PaymentState } from './payments/payment-state';
export { PaymentQueryService } from './payments/payment-query.service';
export {
  PAYMENT_CLIENT_MODES,
  PaymentClientSettingsService,
  type PaymentClientMode,
  type PaymentClientSettings,
} from './payments/payment-client-settings';
export { HandleStripeEventUseCase } from './use-cases/handle-stripe-event.use-case';
export { PayForTradeUseCase } from './use-cases/pay-for-trade.use-case';
export * from './payouts';
export { EscrowSettlement } from './settlement/escrow-settlement.service';
export { PaymentAlreadySucceededError, PayoutsNotEnabledError } from './settlement/settlement.errors';
export type {
  ProceedsTransfer,
  SettlementMoneyTrade,
  TradeMoneyState,
  TradeRefundState,
  TradeTransferState,
} from './settlement/settlement.types';
export { ESCROW_SETTLEMENT_ENTITIES } from './settlement/settlement-entities';
export { REFUND_STATUSES, type RefundStatus } from './settlement/trade-refund.entity';
export { TRANSFER_STATUSES, type TransferStatus } from './settlement/trade-transfer.entity';
export {
  ReconcileEscrowUseCase,
  type ReconcileOptions,
  type ReconciliationSummary,
} from './use-cases/reconcile-escrow.use-case';
export {
  ReconciliationQueryService,
  type ReconciliationDifference,
} from './reconciliation/reconciliation-query.service';
export { DIFFERENCE_KINDS, type DifferenceKind } from './reconciliation/reconciliation-difference.entity';
