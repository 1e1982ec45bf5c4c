import { PLATFORM } from '../balances';
import { noSuch } from '../errors';
import { route, type Route } from '../router';

interface BalanceEntry {
  amount: number;
  currency: string;
  source_types: { card: number };
}

/** GET /v1/balance: the platform's balance, or a connected account's under a `Stripe-Account` header. */
export const balanceRoutes: Route[] = [
  route('GET', '/v1/balance', (context, request) => {
    const owner = request.stripeAccount ?? PLATFORM;
    const account = request.stripeAccount ? context.store.accounts.get(request.stripeAccount) : undefined;
    if (request.stripeAccount && !account) throw noSuch('account', request.stripeAccount, 'Stripe-Account');
    const currencies = new Map(context.store.balances.currencies(owner));
    const fallback = account?.default_currency ?? 'usd';
    if (currencies.size === 0) currencies.set(fallback, { available: 0, pending: 0 });
    const entries = (bucket: 'available' | 'pending'): BalanceEntry[] =>
      [...currencies].map(([currency, amounts]) => ({
        amount: amounts[bucket],
        currency,
        source_types: { card: amounts[bucket] },
      }));
    return {
      object: 'balance',
      available: entries('available'),
      pending: entries('pending'),
      livemode: false,
    };
  }),
];
