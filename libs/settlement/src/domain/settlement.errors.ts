import type { TradeStatus } from '@carryover/market';
import { DomainError } from '@carryover/shared';

/** A step the transition table does not allow from the trade's current state: 409 invalid_transition. */
export class InvalidTransitionError extends DomainError {
  constructor(tradeId: string, from: TradeStatus, to: TradeStatus, detail?: string) {
    super(
      'conflict',
      'invalid_transition',
      detail ?? `Trade ${tradeId} is ${from}; it cannot become ${to}.`,
      undefined,
      { from, to },
    );
  }
}

/** An allowed step made by someone the table does not let make it. */
export class TransitionNotAllowedError extends DomainError {
  constructor(from: TradeStatus, to: TradeStatus, by: string) {
    super('forbidden', 'transition_not_allowed', `A ${by} cannot move a trade from ${from} to ${to}.`);
  }
}
