import type { TradeStatus } from '@carryover/market';

/** Who may make a step: the payment provider and jobs (system), an operator, or one side of the trade. */
export type TransitionTrigger = 'system' | 'operator' | 'buyer' | 'seller';

export interface TradeTransition {
  from: TradeStatus;
  to: TradeStatus;
  by: readonly TransitionTrigger[];
}

/** The post-funded steps before release: a refund or a dispute may still interrupt them. */
export const INTERRUPTIBLE_STATUSES = [
  'funded',
  'awaiting_provider_approval',
  'transfer_pending',
  'transfer_submitted',
  'verifying',
] as const satisfies readonly TradeStatus[];

/** States no transition leaves. */
export const TERMINAL_STATUSES = [
  'settled',
  'cancelled',
  'refunded',
  'partially_refunded',
] as const satisfies readonly TradeStatus[];

/**
 * Every allowed step of a trade's life (DESIGN.md "Trade lifecycle"); anything else is refused:
 *
 *   awaiting_payment -> funded -> [awaiting_provider_approval] -> transfer_pending
 *     -> transfer_submitted -> verifying -> releasing -> settled
 *   awaiting_payment -> cancelled
 *   funded .. verifying -> refunding -> refunded
 *   funded .. verifying -> disputed -> releasing | refunding | partially_refunded
 */
export const TRADE_TRANSITIONS: readonly TradeTransition[] = [
  // The provider confirmed the buyer's payment; or the payment window closed unpaid.
  { from: 'awaiting_payment', to: 'funded', by: ['system'] },
  { from: 'awaiting_payment', to: 'cancelled', by: ['system'] },
  // The workflow decides from the trade's compliance result whether the provider must approve first.
  { from: 'funded', to: 'awaiting_provider_approval', by: ['system'] },
  { from: 'funded', to: 'transfer_pending', by: ['system'] },
  { from: 'awaiting_provider_approval', to: 'transfer_pending', by: ['operator'] },
  { from: 'transfer_pending', to: 'transfer_submitted', by: ['seller'] },
  { from: 'transfer_submitted', to: 'verifying', by: ['system'] },
  { from: 'verifying', to: 'releasing', by: ['operator'] },
  { from: 'releasing', to: 'settled', by: ['system'] },
  // Rejected, denied or timed out: the buyer's money goes back.
  ...INTERRUPTIBLE_STATUSES.map((from) => ({
    from,
    to: 'refunding' as const,
    by: ['system', 'operator'] as const,
  })),
  { from: 'refunding', to: 'refunded', by: ['system'] },
  // Either side may dispute until release; the operator's resolution ends it.
  ...INTERRUPTIBLE_STATUSES.map((from) => ({
    from,
    to: 'disputed' as const,
    by: ['buyer', 'seller'] as const,
  })),
  { from: 'disputed', to: 'releasing', by: ['operator'] },
  { from: 'disputed', to: 'refunding', by: ['operator'] },
  // Once the partial refund and the remainder's transfer are made.
  { from: 'disputed', to: 'partially_refunded', by: ['system'] },
];

/** The rule for `from -> to`, or undefined when the step is not allowed at all. */
export function findTransition(from: TradeStatus, to: TradeStatus): TradeTransition | undefined {
  return TRADE_TRANSITIONS.find((rule) => rule.from === from && rule.to === to);
}

/** The states a trade may move to from `from`. */
export function nextStatuses(from: TradeStatus): TradeStatus[] {
  return TRADE_TRANSITIONS.filter((rule) => rule.from === from).map((rule) => rule.to);
}
