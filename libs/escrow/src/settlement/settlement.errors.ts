import { DomainError } from '@carryover/shared';

/** The seller's organisation has no connected account that can receive transfers yet; release waits. */
export class PayoutsNotEnabledError extends DomainError {
  constructor(organizationId: string) {
    super(
      'conflict',
      'seller_payouts_not_enabled',
      `The selling organisation ${organizationId} has not finished payouts onboarding; proceeds cannot be transferred yet.`,
    );
  }
}

/** The buyer's payment went through after all, so it cannot be cancelled; the trade should be funded. */
export class PaymentAlreadySucceededError extends DomainError {
  constructor(tradeId: string, paymentIntentId: string) {
    super(
      'conflict',
      'payment_already_succeeded',
      `The payment ${paymentIntentId} for trade ${tradeId} has succeeded and cannot be cancelled.`,
    );
  }
}
