import Stripe from 'stripe';
import { BusinessRuleError } from '@carryover/shared';
import {
  PaymentProviderUnavailableError,
  PaymentRequestRejectedError,
  type GatewayAccount,
  type GatewayCharge,
  type GatewayPaymentIntent,
  type GatewayRefund,
  type GatewayTransfer,
} from './payment-gateway';

// How Stripe's objects and errors become the gateway's: amounts as bigint minor units, currencies upper-case,
// the trade and step from metadata, and errors as the domain's payment errors.

export function toIntent(intent: Stripe.PaymentIntent): GatewayPaymentIntent {
  const failure = intent.last_payment_error;
  return {
    id: intent.id,
    status: intent.status,
    clientSecret: intent.client_secret,
    amountMinor: BigInt(intent.amount),
    currency: intent.currency.toUpperCase(),
    tradeId: intent.metadata?.['tradeId'] ?? null,
    lastError: failure
      ? {
          code: failure.decline_code ?? failure.code ?? 'payment_failed',
          message: failure.message ?? 'The payment failed.',
        }
      : null,
  };
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.id;
}

export function toTransfer(transfer: Stripe.Transfer): GatewayTransfer {
  return {
    id: transfer.id,
    amountMinor: BigInt(transfer.amount),
    amountReversedMinor: BigInt(transfer.amount_reversed),
    currency: transfer.currency.toUpperCase(),
    destinationAccountId: idOf(transfer.destination) ?? '',
    transferGroup: transfer.transfer_group ?? null,
    tradeId: transfer.metadata?.['tradeId'] ?? null,
    step: transfer.metadata?.['step'] ?? null,
  };
}

export function toRefund(refund: Stripe.Refund): GatewayRefund {
  return {
    id: refund.id,
    amountMinor: BigInt(refund.amount),
    currency: refund.currency.toUpperCase(),
    status: refund.status ?? 'pending',
    paymentIntentId: idOf(refund.payment_intent),
    tradeId: refund.metadata?.['tradeId'] ?? null,
    step: refund.metadata?.['step'] ?? null,
  };
}

export function toCharge(charge: Stripe.Charge): GatewayCharge {
  return {
    id: charge.id,
    paymentIntentId: idOf(charge.payment_intent),
    succeeded: charge.status === 'succeeded',
    amountCapturedMinor: BigInt(charge.amount_captured),
    amountRefundedMinor: BigInt(charge.amount_refunded),
    currency: charge.currency.toUpperCase(),
  };
}

export function toAccount(account: Stripe.Account): GatewayAccount {
  return {
    id: account.id,
    detailsSubmitted: account.details_submitted ?? false,
    payoutsEnabled: account.payouts_enabled ?? false,
    chargesEnabled: account.charges_enabled ?? false,
  };
}

export function declineOf(error: Stripe.errors.StripeCardError): { code: string; message: string } {
  return { code: error.decline_code ?? error.code ?? 'card_declined', message: error.message };
}

/**
 * Errors left after the retries: the provider's trouble, or a request it will never accept. With
 * `rejectedCode`, a 4xx refusal of a money movement becomes a PaymentRequestRejectedError with that code.
 */
export function translate(error: unknown, rejectedCode?: string): Error {
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    return new PaymentRequestRejectedError(
      'payment_attempt_conflict',
      'A payment attempt for this trade is already under way with other details; retry it as it was.',
    );
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError && error.param === 'payment_method') {
    return new BusinessRuleError(
      'payment_method_invalid',
      `The payment method was refused: ${error.message}`,
    );
  }
  if (
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    (error instanceof Stripe.errors.StripeError && error.statusCode === 409)
  ) {
    return new PaymentProviderUnavailableError(error.message);
  }
  if (rejectedCode && error instanceof Stripe.errors.StripeInvalidRequestError) {
    const reason = error.code ? ` (${error.code})` : '';
    return new PaymentRequestRejectedError(
      rejectedCode,
      `The payment provider refused it${reason}: ${error.message}`,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
