import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { STRIPE_SETTINGS, type StripeSettings } from '../gateway/stripe-settings';

export const PAYMENT_CLIENT_MODES = ['emulator', 'stripe', 'unavailable'] as const;
export type PaymentClientMode = (typeof PAYMENT_CLIENT_MODES)[number];

/** What a browser needs to take a buyer's card: where payments go, and the key Stripe.js needs. */
export interface PaymentClientSettings {
  /** emulator: an emulator (or stripe-mock) at STRIPE_API_URL takes test payment method ids; stripe: Stripe itself. */
  mode: PaymentClientMode;
  /** Stripe's publishable key (pk_...), for Stripe Elements; null when there is none or payments are emulated. */
  publishableKey: string | null;
  /** Payment method ids the emulator accepts, for a test-card choice; empty with Stripe itself. */
  testPaymentMethods: { id: string; label: string }[];
}

/** The emulator's test cards (apps/stripe-emulator): the same ids Stripe's test mode accepts. */
const EMULATOR_TEST_CARDS = [
  { id: 'pm_card_visa', label: 'Visa ending 4242 (succeeds)' },
  { id: 'pm_card_chargeDeclined', label: 'Visa ending 0002 (declined)' },
];

export function paymentClientSettings(
  stripe: StripeSettings,
  publishableKey: string | undefined,
): PaymentClientSettings {
  if (!stripe.secretKey) return { mode: 'unavailable', publishableKey: null, testPaymentMethods: [] };
  if (stripe.apiUrl)
    return { mode: 'emulator', publishableKey: null, testPaymentMethods: EMULATOR_TEST_CARDS };
  return { mode: 'stripe', publishableKey: publishableKey || null, testPaymentMethods: [] };
}

/** The payment settings a web app may know, derived once from the API's Stripe configuration. */
@Injectable()
export class PaymentClientSettingsService {
  private readonly settings: PaymentClientSettings;

  constructor(@Inject(STRIPE_SETTINGS) stripe: StripeSettings, config: ConfigService) {
    this.settings = paymentClientSettings(stripe, config.get<string>('STRIPE_PUBLISHABLE_KEY'));
  }

  get(): PaymentClientSettings {
    return this.settings;
  }
}
