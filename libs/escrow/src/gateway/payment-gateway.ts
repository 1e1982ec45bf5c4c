import { DomainError } from '@carryover/shared';

/** What the gateway needs of a trade to charge its buyer. */
export interface PaymentTrade {
  id: string;
  grossMinor: bigint;
  currency: string;
}

/** A payment provider's intent to collect a trade's gross from the buyer. */
export interface GatewayPaymentIntent {
  id: string;
  /** The provider's status: succeeded, processing, requires_payment_method, requires_action, canceled, ... */
  status: string;
  clientSecret: string | null;
  amountMinor: bigint;
  currency: string;
  /** The trade it pays for, from the intent's metadata; null when it was not made by Carryover. */
  tradeId: string | null;
  lastError: PaymentError | null;
}

export interface PaymentError {
  code: string;
  message: string;
}

export type CreatePaymentOutcome =
  | { kind: 'accepted'; intent: GatewayPaymentIntent }
  | { kind: 'declined'; intent: GatewayPaymentIntent | null; error: PaymentError };

/** A seller's connected account with the provider (Stripe Connect, express). */
export interface GatewayAccount {
  id: string;
  detailsSubmitted: boolean;
  payoutsEnabled: boolean;
  chargesEnabled: boolean;
}

/** A single-use link to the provider's hosted onboarding for a connected account. */
export interface GatewayOnboardingLink {
  url: string;
  expiresAt: Date;
}

/** A transfer of a trade's proceeds to a seller's connected account. */
export interface TransferRequest {
  tradeId: string;
  /** `transfer`, or `transfer:<n>` for a further one; part of the idempotency key and the metadata. */
  step: string;
  amountMinor: bigint;
  currency: string;
  destinationAccountId: string;
}

export interface GatewayTransfer {
  id: string;
  amountMinor: bigint;
  amountReversedMinor: bigint;
  currency: string;
  destinationAccountId: string;
  transferGroup: string | null;
  /** From the transfer's metadata; null when it was not made by Carryover. */
  tradeId: string | null;
  step: string | null;
}

/** A refund of part or all of a trade's captured payment. */
export interface RefundRequest {
  tradeId: string;
  /** `refund`, or `refund:<n>` for the n-th partial refund. */
  step: string;
  paymentIntentId: string;
  amountMinor: bigint;
}

export interface GatewayRefund {
  id: string;
  amountMinor: bigint;
  currency: string;
  /** The provider's status: succeeded, pending, failed, canceled, requires_action. */
  status: string;
  paymentIntentId: string | null;
  tradeId: string | null;
  step: string | null;
}

/** A charge (one captured or failed payment attempt) in a trade's transfer group. */
export interface GatewayCharge {
  id: string;
  paymentIntentId: string | null;
  succeeded: boolean;
  amountCapturedMinor: bigint;
  amountRefundedMinor: bigint;
  currency: string;
}

/**
 * A verified webhook event; `paymentIntent`, `refund` and `transfer` are set for events about such an
 * object (payment_intent.*, refund.*, transfer.*).
 */
export interface GatewayEvent {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  paymentIntent: GatewayPaymentIntent | null;
  refund?: GatewayRefund | null;
  transfer?: GatewayTransfer | null;
}

/** The webhook's signature does not verify: nothing in it may be trusted. */
export class WebhookSignatureError extends DomainError {
  constructor(detail: string) {
    super('validation', 'invalid_signature', `The webhook signature does not verify: ${detail}`);
  }
}

/** The provider could not be reached or kept failing after the retries; the caller may retry later. */
export class PaymentProviderUnavailableError extends DomainError {
  constructor(detail: string) {
    super('rate_limited', 'payment_provider_unavailable', `The payment provider is unavailable: ${detail}`);
  }
}

/** The provider refused the request as it was made (the same attempt retried with other parameters). */
export class PaymentRequestRejectedError extends DomainError {
  constructor(code: string, detail: string) {
    super('conflict', code, detail);
  }
}

/**
 * The port to the payment provider. Every call carries an idempotency key derived from the trade and the
 * step, so a retried call never moves money twice.
 */
export abstract class PaymentGateway {
  /**
   * Creates and confirms an intent for the trade's gross with the buyer's payment method. `attempt` counts
   * the buyer's tries (a new one after each decline) and is part of the idempotency key.
   */
  abstract createPaymentIntent(
    trade: PaymentTrade,
    paymentMethodId: string,
    attempt: number,
  ): Promise<CreatePaymentOutcome>;

  abstract retrievePaymentIntent(id: string): Promise<GatewayPaymentIntent>;

  /**
   * Creates the organisation's connected account (express, transfers capability), with the idempotency
   * key org:<id>:connect-account, so concurrent or retried calls get the same account.
   */
  abstract createConnectedAccount(organizationId: string, country: string): Promise<GatewayAccount>;

  /** A fresh onboarding link for the account; refreshUrl is used when the link is spent or expired. */
  abstract createOnboardingLink(
    accountId: string,
    refreshUrl: string,
    returnUrl: string,
  ): Promise<GatewayOnboardingLink>;

  abstract retrieveAccount(accountId: string): Promise<GatewayAccount>;

  /**
   * Transfers a trade's proceeds to a connected account, with `transfer_group` = the trade id and the
   * idempotency key trade:<id>:<step>. A 4xx (no funds, account not able to receive) is a
   * PaymentRequestRejectedError `transfer_rejected` and is never retried.
   */
  abstract createTransfer(request: TransferRequest): Promise<GatewayTransfer>;

  /** Every transfer in the trade's transfer group. */
  abstract listTransfers(tradeId: string): Promise<GatewayTransfer[]>;

  /**
   * Refunds `amountMinor` of the intent's captured payment, with the idempotency key trade:<id>:<step>.
   * A 4xx (more than is left, already refunded) is a PaymentRequestRejectedError `refund_rejected`.
   */
  abstract createRefund(request: RefundRequest): Promise<GatewayRefund>;

  /** Every refund of the intent's payment, made by Carryover or not. */
  abstract listRefunds(paymentIntentId: string): Promise<GatewayRefund[]>;

  /** Cancels an intent that has not succeeded, with the idempotency key trade:<id>:cancel:<intent>. */
  abstract cancelPaymentIntent(tradeId: string, paymentIntentId: string): Promise<GatewayPaymentIntent>;

  /** Every charge in the trade's transfer group: what the buyer paid, and how much of it was refunded. */
  abstract listCharges(tradeId: string): Promise<GatewayCharge[]>;

  /** Verifies the signature over the raw body and parses the event; throws WebhookSignatureError. */
  abstract verifyWebhook(rawBody: Buffer, signatureHeader: string): GatewayEvent;
}
