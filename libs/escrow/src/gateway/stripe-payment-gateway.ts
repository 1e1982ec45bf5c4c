import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import {
  PaymentGateway,
  PaymentProviderUnavailableError,
  WebhookSignatureError,
  type CreatePaymentOutcome,
  type GatewayAccount,
  type GatewayCharge,
  type GatewayEvent,
  type GatewayOnboardingLink,
  type GatewayPaymentIntent,
  type GatewayRefund,
  type GatewayTransfer,
  type PaymentTrade,
  type RefundRequest,
  type TransferRequest,
} from './payment-gateway';
import { withProviderRetries } from './provider-retry';
import { declineOf, toAccount, toCharge, toIntent, toRefund, toTransfer, translate } from './stripe-mappers';
import { createStripeClient, STRIPE_SETTINGS, type StripeSettings } from './stripe-settings';

/** The most objects read back for one trade (transfers, refunds, charges); far above any real trade's. */
const LIST_CAP = 1_000;

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
      const idempotencyKey = `trade:${trade.id}:payment:${attempt}`;
      const intent = await this.retrying((stripe) =>
        stripe.paymentIntents.create(params, { idempotencyKey }),
      );
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
      return toIntent(await this.retrying((stripe) => stripe.paymentIntents.retrieve(id)));
    } catch (error) {
      throw translate(error);
    }
  }

  async createConnectedAccount(organizationId: string, country: string): Promise<GatewayAccount> {
    try {
      const account = await this.retrying((stripe) =>
        stripe.accounts.create(
          {
            type: 'express',
            country,
            capabilities: { transfers: { requested: true } },
            metadata: { organizationId },
          },
          { idempotencyKey: `org:${organizationId}:connect-account` },
        ),
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
      const link = await this.retrying((stripe) =>
        stripe.accountLinks.create({
          account: accountId,
          type: 'account_onboarding',
          refresh_url: refreshUrl,
          return_url: returnUrl,
        }),
      );
      return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
    } catch (error) {
      throw translate(error);
    }
  }

  async retrieveAccount(accountId: string): Promise<GatewayAccount> {
    try {
      return toAccount(await this.retrying((stripe) => stripe.accounts.retrieve(accountId)));
    } catch (error) {
      throw translate(error);
    }
  }

  async createTransfer(request: TransferRequest): Promise<GatewayTransfer> {
    const params: Stripe.TransferCreateParams = {
      amount: Number(request.amountMinor),
      currency: request.currency.toLowerCase(),
      destination: request.destinationAccountId,
      transfer_group: request.tradeId,
      metadata: { tradeId: request.tradeId, step: request.step },
    };
    const idempotencyKey = `trade:${request.tradeId}:${request.step}`;
    try {
      return toTransfer(await this.retrying((stripe) => stripe.transfers.create(params, { idempotencyKey })));
    } catch (error) {
      throw translate(error, 'transfer_rejected');
    }
  }

  async listTransfers(tradeId: string): Promise<GatewayTransfer[]> {
    try {
      const transfers = await this.retrying((stripe) =>
        stripe.transfers.list({ transfer_group: tradeId, limit: 100 }).autoPagingToArray({ limit: LIST_CAP }),
      );
      return transfers.map(toTransfer);
    } catch (error) {
      throw translate(error);
    }
  }

  async createRefund(request: RefundRequest): Promise<GatewayRefund> {
    const params: Stripe.RefundCreateParams = {
      payment_intent: request.paymentIntentId,
      amount: Number(request.amountMinor),
      metadata: { tradeId: request.tradeId, step: request.step },
    };
    const idempotencyKey = `trade:${request.tradeId}:${request.step}`;
    try {
      return toRefund(await this.retrying((stripe) => stripe.refunds.create(params, { idempotencyKey })));
    } catch (error) {
      throw translate(error, 'refund_rejected');
    }
  }

  async listRefunds(paymentIntentId: string): Promise<GatewayRefund[]> {
    try {
      const refunds = await this.retrying((stripe) =>
        stripe.refunds
          .list({ payment_intent: paymentIntentId, limit: 100 })
          .autoPagingToArray({ limit: LIST_CAP }),
      );
      return refunds.map(toRefund);
    } catch (error) {
      throw translate(error);
    }
  }

  async cancelPaymentIntent(tradeId: string, paymentIntentId: string): Promise<GatewayPaymentIntent> {
    const idempotencyKey = `trade:${tradeId}:cancel:${paymentIntentId}`;
    try {
      return toIntent(
        await this.retrying((stripe) =>
          stripe.paymentIntents.cancel(
            paymentIntentId,
            { cancellation_reason: 'abandoned' },
            { idempotencyKey },
          ),
        ),
      );
    } catch (error) {
      throw translate(error, 'payment_cancel_rejected');
    }
  }

  async listCharges(tradeId: string): Promise<GatewayCharge[]> {
    try {
      const charges = await this.retrying((stripe) =>
        stripe.charges.list({ transfer_group: tradeId, limit: 100 }).autoPagingToArray({ limit: LIST_CAP }),
      );
      return charges.map(toCharge);
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
      refund: object.object === 'refund' ? toRefund(object as Stripe.Refund) : null,
      transfer: object.object === 'transfer' ? toTransfer(object as Stripe.Transfer) : null,
    };
  }

  /** One call (with its idempotency key inside), tried again while Stripe answers a plain 429. */
  private retrying<T>(call: (stripe: Stripe) => Promise<T>): Promise<T> {
    const stripe = this.client();
    return withProviderRetries(() => call(stripe), this.settings.retryPolicy);
  }

  private client(): Stripe {
    if (!this.stripe) {
      throw new PaymentProviderUnavailableError('STRIPE_SECRET_KEY is not configured');
    }
    return this.stripe;
  }
}
