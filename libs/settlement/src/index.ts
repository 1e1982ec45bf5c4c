import { DisputeEntity } from './entities/dispute.entity';
import { TradeSettlementEntity } from './entities/trade-settlement.entity';

export const SETTLEMENT_ENTITIES = [TradeSettlementEntity, DisputeEntity];

export * from './settlement.module';
export {
  findTransition,
  INTERRUPTIBLE_STATUSES,
  nextStatuses,
  TERMINAL_STATUSES,
  TRADE_TRANSITIONS,
  type TradeTransition,
  type TransitionTrigger,
} from './domain/trade-transitions';
export { InvalidTransitionError } from './domain/settlement.errors';
export type {
  DisputeView,
  OperatorTradeRow,
  OperatorTradeView,
  PartyView,
  ProviderApprovalView,
  TradeSettlementDetail,
  TransferEvidence,
} from './domain/settlement.views';
export {
  DISPUTE_OUTCOMES,
  DISPUTE_STATUSES,
  type DisputeOutcome,
  type DisputeStatus,
} from './entities/dispute.entity';
export {
  PROVIDER_DECISIONS,
  WAITING_REASONS,
  type ProviderDecision,
  type WaitingReason,
} from './entities/trade-settlement.entity';
export {
  TRADE_LIST_ORDERS,
  type OperatorTradeFilter,
  type TradeListOrder,
} from './repositories/operator-trades.repository';
export { SettlementQueryService } from './services/settlement-query.service';
export {
  DEFAULT_SETTLEMENT_WINDOWS_SECONDS,
  SETTLEMENT_SETTINGS,
  type SettlementSettings,
} from './settlement.settings';
export { SYSTEM, TradeStateMachine, type TransitionActor } from './state-machine/trade-state-machine.service';
export { AdvanceTradeUseCase } from './use-cases/advance-trade.use-case';
export { ConfirmReceiptUseCase } from './use-cases/confirm-receipt.use-case';
export {
  DecideProviderApprovalUseCase,
  type ProviderApprovalCommand,
} from './use-cases/decide-provider-approval.use-case';
export {
  DecideVerificationUseCase,
  type VerificationDecision,
} from './use-cases/decide-verification.use-case';
export { OpenDisputeUseCase } from './use-cases/open-dispute.use-case';
export { RefundTradeUseCase } from './use-cases/refund-trade.use-case';
export { ReleaseTradeUseCase, type ReleaseOutcome } from './use-cases/release-trade.use-case';
export { ResolveDisputeUseCase, type DisputeResolutionCommand } from './use-cases/resolve-dispute.use-case';
export { ResumePayoutsUseCase } from './use-cases/resume-payouts.use-case';
export { SettlePartialRefundUseCase, splitPartialRefund } from './use-cases/settle-partial-refund.use-case';
export { SettlementTimeoutsUseCase, type TimeoutReport } from './use-cases/settlement-timeouts.use-case';
export { SubmitTransferUseCase, type SubmitTransferCommand } from './use-cases/submit-transfer.use-case';
