/** Where Stripe's hosted onboarding sends the seller back to. */
export interface PayoutSettings {
  /** After onboarding (complete or not): the app's payouts page. */
  returnUrl: string;
  /** When the link is spent or expired: a page that asks the API for a fresh one. */
  refreshUrl: string;
}

export const PAYOUT_SETTINGS = Symbol('carryover:payout-settings');

/** The links' targets under the web app's base URL (PUBLIC_APP_URL, http://localhost:3000 by default). */
export function payoutSettingsFor(appUrl: string | undefined): PayoutSettings {
  const base = (appUrl || 'http://localhost:3000').replace(/\/+$/, '');
  return {
    returnUrl: `${base}/settings/payouts?onboarding=return`,
    refreshUrl: `${base}/settings/payouts?onboarding=refresh`,
  };
}
