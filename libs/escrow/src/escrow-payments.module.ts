import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@carryover/audit';
import { ClockModule } from '@carryover/shared';
import { EscrowLedgerModule } from './escrow-ledger.module';
import { PaymentGateway } from './gateway/payment-gateway';
import { StripePaymentGateway } from './gateway/stripe-payment-gateway';
import { STRIPE_SETTINGS, type StripeSettings } from './gateway/stripe-settings';
import { EscrowTradeRepository } from './payments/escrow-trade.repository';
import { PAYMENT_ENTITIES } from './payments/payment-entities';
import { PaymentClientSettingsService } from './payments/payment-client-settings';
import { PaymentQueryService } from './payments/payment-query.service';
import { StripeEventRepository } from './payments/stripe-event.repository';
import { TradePaymentRepository } from './payments/trade-payment.repository';
import { GetPayoutStatusUseCase } from './payouts/get-payout-status.use-case';
import { PayoutAccounts } from './payouts/payout-accounts';
import { PAYOUT_SETTINGS, payoutSettingsFor, type PayoutSettings } from './payouts/payout-settings';
import { RecordAccountUpdateUseCase } from './payouts/record-account-update.use-case';
import { StartPayoutOnboardingUseCase } from './payouts/start-payout-onboarding.use-case';
import { ReconciliationQueryService } from './reconciliation/reconciliation-query.service';
import { ReconciliationRepository } from './reconciliation/reconciliation.repository';
import { EscrowSettlement } from './settlement/escrow-settlement.service';
import { TradeRefundRepository } from './settlement/trade-refund.repository';
import { TradeTransferRepository } from './settlement/trade-transfer.repository';
import { CancelPaymentUseCase } from './use-cases/cancel-payment.use-case';
import { ConfirmProviderStepUseCase } from './use-cases/confirm-provider-step.use-case';
import { FundTradeOnPaymentUseCase } from './use-cases/fund-trade-on-payment.use-case';
import { HandleStripeEventUseCase } from './use-cases/handle-stripe-event.use-case';
import { PayForTradeUseCase } from './use-cases/pay-for-trade.use-case';
import { ReconcileEscrowUseCase } from './use-cases/reconcile-escrow.use-case';
import { RefundBuyerUseCase } from './use-cases/refund-buyer.use-case';
import { TransferProceedsUseCase } from './use-cases/transfer-proceeds.use-case';

/**
 * Buyers' payments into escrow through the payment gateway, the provider's webhooks, sellers' payouts,
 * escrow's side of settlement (transfers, refunds, their journals) and reconciliation with the provider.
 */
@Module({
  imports: [TypeOrmModule.forFeature(PAYMENT_ENTITIES), EscrowLedgerModule, AuditModule, ClockModule],
  providers: [
    {
      provide: STRIPE_SETTINGS,
      inject: [ConfigService],
      useFactory: (config: ConfigService): StripeSettings => ({
        secretKey: config.get<string>('STRIPE_SECRET_KEY') || undefined,
        apiUrl: config.get<string>('STRIPE_API_URL') || undefined,
        webhookSecret: config.get<string>('STRIPE_WEBHOOK_SECRET') || undefined,
      }),
    },
    { provide: PaymentGateway, useClass: StripePaymentGateway },
    {
      provide: PAYOUT_SETTINGS,
      inject: [ConfigService],
      useFactory: (config: ConfigService): PayoutSettings =>
        payoutSettingsFor(config.get<string>('PUBLIC_APP_URL')),
    },
    PayoutAccounts,
    StartPayoutOnboardingUseCase,
    GetPayoutStatusUseCase,
    RecordAccountUpdateUseCase,
    EscrowTradeRepository,
    TradePaymentRepository,
    StripeEventRepository,
    PaymentQueryService,
    PaymentClientSettingsService,
    FundTradeOnPaymentUseCase,
    HandleStripeEventUseCase,
    PayForTradeUseCase,
    TradeTransferRepository,
    TradeRefundRepository,
    TransferProceedsUseCase,
    RefundBuyerUseCase,
    CancelPaymentUseCase,
    ConfirmProviderStepUseCase,
    EscrowSettlement,
    ReconciliationRepository,
    ReconcileEscrowUseCase,
    ReconciliationQueryService,
  ],
  exports: [
    PaymentGateway,
    PaymentQueryService,
    PaymentClientSettingsService,
    PayForTradeUseCase,
    HandleStripeEventUseCase,
    PayoutAccounts,
    StartPayoutOnboardingUseCase,
    GetPayoutStatusUseCase,
    EscrowSettlement,
    ReconcileEscrowUseCase,
    ReconciliationQueryService,
  ],
})
export class EscrowPaymentsModule {}
