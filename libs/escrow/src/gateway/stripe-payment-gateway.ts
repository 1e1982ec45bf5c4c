import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { BusinessRuleError } from '@carryover/shared';
import {
  PaymentGateway,
  PaymentProviderUnavailableError,
  PaymentRequestRejectedError,
  WebhookSignatureError,
  type CreatePaymentOutcome,
  type GatewayAccount,
  type GatewayEvent,
  type GatewayOnboardingLink,
  type GatewayPaymentIntent,
  type PaymentTrade,
} from './payment-gateway';
import { createStripeClient, STRIPE_SETTINGS, type StripeSettings } from './stripe-settings';

/** The payment gateway on the real `stripe` SDK ("separate charges and transfers"). */
@Injectable()
export class StripePaymentGateway extends PaymentGateway {
  private readonly stripe: Stripe | null;

  constructor(@Inject(STRIPE_SETTINGS) private readonly settings: StripeSettings) {
    super();
    this.stripe = createStripeClient(settings);
  }

  async createPaymentIntent(
    trade: PaymentTrade,
    paymentMethodId: string,
    attempt: number,
  ): Promise<CreatePaymentOutcome> {
    const params: Stripe.PaymentIntentCreateParams = {
      amount: Number(trade.grossMinor),
      currency: trade.currency.toLowerCase(),
      payment_method: paymentMethodId,
      allowed_payment_method_types: ['card'],
      confirm: true,
      transfer_group: trade.id,
      metadata: { tradeId: trade.id },
    };
    try {
      const intent = await this.client().paymentIntents.create(params, {
        idempotencyKey: `trade:${trade.id}:payment:${attempt}`,
      });
      return { kind: 'accepted', intent: toIntent(intent) };
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) {
        const intent = error.payment_intent ? toIntent(error.payment_intent) : null;
        return { kind: 'declined', intent, error: declineOf(error) };
      }
      throw translate(error);
    }
  }

  async retrievePaymentIntent(id: string): Promise<GatewayPaymentIntent> {
    try {
      return toIntent(await this.client().paymentIntents.retrieve(id));
    } catch (error) {
      throw translate(error);
    }
  }

  async createConnectedAccount(organizationId: string, country: string): Promise<GatewayAccount> {
    try {
      const account = await this.client().accounts.create(
        {
          type: 'express',
          country,
          capabilities: { transfers: { requested: true } },
          metadata: { organizationId },
        },
        { idempotencyKey: `org:${organizationId}:connect-account` },
      );
      return toAccount(account);
    } catch (error) {
      throw translate(error);
    }
  }

  async createOnboardingLink(
    accountId: string,
    refreshUrl: string,
    returnUrl: string,
  ): Promise<GatewayOnboardingLink> {
    try {
      const link = await this.client().accountLinks.create({
        account: accountId,
        type: 'account_onboarding',
        refresh_url: refreshUrl,
        return_url: returnUrl,
      });
      return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
    } catch (error) {
      throw translate(error);
    }
  }

  async retrieveAccount(accountId: string): Promise<GatewayAccount> {
    try {
      return toAccount(await this.client().accounts.retrieve(accountId));
    } catch (error) {
      throw translate(error);
    }
  }

  verifyWebhook(rawBody: Buffer, signatureHeader: string): GatewayEvent {
    const secret = this.settings.webhookSecret;
    if (!secret) throw new WebhookSignatureError('no webhook signing secret is configured');
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(rawBody, signatureHeader, secret);
    } catch (error) {
      throw new WebhookSignatureError(error instanceof Error ? error.message : 'unreadable');
    }
    const object = event.data.object as { object?: string };
    return {
      id: event.id,
      type: event.type,
      payload: JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>,
      paymentIntent: object.object === 'payment_intent' ? toIntent(object as Stripe.PaymentIntent) : null,
    };
  }

  private client(): Stripe {
    if (!this.stripe) {
      throw new PaymentProviderUnavailableError('STRIPE_SECRET_KEY is not configured');
    }
    return this.stripe;
  }
}

function toIntent(intent: Stripe.PaymentIntent): GatewayPaymentIntent {
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

function toAccount(account: Stripe.Account): GatewayAccount {
  return {
    id: account.id,
    detailsSubmitted: account.details_submitted ?? false,
    payoutsEnabled: account.payouts_enabled ?? false,
    chargesEnabled: account.charges_enabled ?? false,
  };
}

function declineOf(error: Stripe.errors.StripeCardError): { code: string; message: string } {
  return { code: error.decline_code ?? error.code ?? 'card_declined', message: error.message };
}

/** Errors left after the SDK's own retries: the provider's trouble, or a request it will never accept. */
function translate(error: unknown): Error {
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
  return error instanceof Error ? error : new Error(String(error));
}
