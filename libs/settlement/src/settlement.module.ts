import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@carryover/audit';
import { CatalogModule } from '@carryover/catalog';
import { ComplianceModule } from '@carryover/compliance';
import { CreditsModule } from '@carryover/credits';
import { EscrowLedgerModule, EscrowPaymentsModule } from '@carryover/escrow';
import { IdentityModule } from '@carryover/identity';
import { OutboxModule } from '@carryover/jobs';
import { MarketModule } from '@carryover/market';
import { ClockModule } from '@carryover/shared';
import { DisputeEntity } from './entities/dispute.entity';
import { TradeSettlementEntity } from './entities/trade-settlement.entity';
import { DisputeRepository } from './repositories/dispute.repository';
import { OperatorTradesRepository } from './repositories/operator-trades.repository';
import { SettlementSweepRepository } from './repositories/settlement-sweep.repository';
import { SettlementTradeRepository } from './repositories/settlement-trade.repository';
import { TradeWaiting } from './services/trade-waiting.service';
import { ReleaseCompliance } from './services/release-compliance.service';
import { SettlementQueryService } from './services/settlement-query.service';
import { SETTLEMENT_SETTINGS, settlementSettingsFrom } from './settlement.settings';
import { TradeStateMachine } from './state-machine/trade-state-machine.service';
import { EscrowEventsSubscriber } from './subscribers/escrow-events.subscriber';
import { AdvanceTradeUseCase } from './use-cases/advance-trade.use-case';
import { CancelUnpaidTradeUseCase } from './use-cases/cancel-unpaid-trade.use-case';
import { ConfirmReceiptUseCase } from './use-cases/confirm-receipt.use-case';
import { DecideProviderApprovalUseCase } from './use-cases/decide-provider-approval.use-case';
import { DecideVerificationUseCase } from './use-cases/decide-verification.use-case';
import { ExpireTransferUseCase } from './use-cases/expire-transfer.use-case';
import { FundTradeUseCase } from './use-cases/fund-trade.use-case';
import { OpenDisputeUseCase } from './use-cases/open-dispute.use-case';
import { RefundTradeUseCase } from './use-cases/refund-trade.use-case';
import { ReleaseTradeUseCase } from './use-cases/release-trade.use-case';
import { ResolveDisputeUseCase } from './use-cases/resolve-dispute.use-case';
import { ResumePayoutsUseCase } from './use-cases/resume-payouts.use-case';
import { SettlePartialRefundUseCase } from './use-cases/settle-partial-refund.use-case';
import { SettlementTimeoutsUseCase } from './use-cases/settlement-timeouts.use-case';
import { SubmitTransferUseCase } from './use-cases/submit-transfer.use-case';

/** What the API calls: the parties' and operators' actions. */
const HTTP_USE_CASES = [
  SubmitTransferUseCase,
  ConfirmReceiptUseCase,
  OpenDisputeUseCase,
  DecideVerificationUseCase,
  DecideProviderApprovalUseCase,
  ResolveDisputeUseCase,
];

/** What the worker's jobs call: each idempotent against the trade's current state. */
const JOB_USE_CASES = [
  AdvanceTradeUseCase,
  ReleaseTradeUseCase,
  RefundTradeUseCase,
  SettlePartialRefundUseCase,
  ResumePayoutsUseCase,
  SettlementTimeoutsUseCase,
];

/**
 * The trade state machine and its workflow: the steps of a funded trade to settled or refunded, disputes,
 * timeouts, and the reads of a trade's settlement. Escrow funds trades through its payment_succeeded event.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([TradeSettlementEntity, DisputeEntity]),
    AuditModule,
    CatalogModule,
    ClockModule,
    ComplianceModule,
    CreditsModule,
    EscrowLedgerModule,
    EscrowPaymentsModule,
    IdentityModule,
    MarketModule,
    OutboxModule,
  ],
  providers: [
    {
      provide: SETTLEMENT_SETTINGS,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => settlementSettingsFrom((name) => config.get(name)),
    },
    SettlementTradeRepository,
    DisputeRepository,
    OperatorTradesRepository,
    SettlementSweepRepository,
    TradeStateMachine,
    ReleaseCompliance,
    TradeWaiting,
    SettlementQueryService,
    FundTradeUseCase,
    CancelUnpaidTradeUseCase,
    ExpireTransferUseCase,
    EscrowEventsSubscriber,
    ...HTTP_USE_CASES,
    ...JOB_USE_CASES,
  ],
  exports: [TradeStateMachine, SettlementQueryService, ...HTTP_USE_CASES, ...JOB_USE_CASES],
})
export class SettlementModule {}
