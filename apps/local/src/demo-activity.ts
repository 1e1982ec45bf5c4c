import { randomUUID } from 'node:crypto';
import { DEMO_FIRMS, DEMO_OPERATOR, DEMO_PASSWORD } from '../../cli/src/demo-accounts';

/** The demo accounts the seed creates (apps/cli demo-accounts.ts); all share one password. */
export interface DemoLogins {
  password: string;
  operator: string;
  sellerAdmin: string;
  sellerTrader: string;
  buyerTrader: string;
}

const memberOf = (label: string, role: string): string =>
  DEMO_FIRMS.find((firm) => firm.label === label)?.members.find((m) => m.role === role)?.email ?? '';

/** The logins `seed:demo` creates. */
export const DEMO_LOGINS: DemoLogins = {
  password: DEMO_PASSWORD,
  operator: DEMO_OPERATOR.email,
  sellerAdmin: memberOf('seller', 'org_admin'),
  sellerTrader: memberOf('seller', 'trader'),
  buyerTrader: memberOf('buyer', 'trader'),
};

type Auth = Record<string, string>;

interface Lot {
  id: string;
  providerCode: string;
  currency: string;
}

interface Trade {
  id: string;
  status: string;
}

const WAIT_MS = 30_000;

/**
 * Market activity on top of the demo seed, through the public API of a running stack (API, worker and
 * Stripe or its emulator): listings and resting bids, and trades left at the steps an operator works on:
 * two transfers to verify, one awaiting the provider's approval, one disputed, one settled, one unpaid.
 * Does nothing when any trade exists, so a second `npm run local` keeps its data.
 */
export async function runDemoActivity(
  baseUrl: string,
  logins: DemoLogins,
  log: (line: string) => void = () => {},
): Promise<boolean> {
  const demo = new DemoClient(baseUrl);
  const operator = await demo.signIn(logins.operator, logins.password);
  const existing = await demo.get<{ data: Trade[] }>('/v1/admin/trades?limit=1', operator);
  if (existing.data.length > 0) return false;

  const sellerAdmin = await demo.signIn(logins.sellerAdmin, logins.password);
  const seller = await demo.signIn(logins.sellerTrader, logins.password);
  const buyer = await demo.signIn(logins.buyerTrader, logins.password);
  const payouts = await demo.enablePayouts(sellerAdmin);
  if (!payouts) log('seller payouts need Stripe Connect onboarding: the demo trade to settle will wait');

  const lots = (await demo.get<{ data: Lot[] }>('/v1/credit-lots?limit=50', seller)).data;
  const lot = (providerCode: string): Lot => {
    const found = lots.find((l) => l.providerCode === providerCode);
    if (!found) throw new Error(`the demo seller has no ${providerCode} lot: run seed:demo first`);
    return found;
  };
  const listings: Array<[string, number, number]> = [
    ['openai', 400_000, 6_800],
    ['openai', 300_000, 7_000],
    ['openai', 300_000, 7_400],
    ['anthropic', 400_000, 7_200],
    ['anthropic', 300_000, 7_700],
    ['mistral', 200_000, 6_500],
  ];
  for (const [provider, quantityMinor, priceBps] of listings) {
    await demo.post('/v1/listings', seller, { creditLotId: lot(provider).id, quantityMinor, priceBps });
  }

  const buy = async (providerCode: string, quantityMinor: number, maxPriceBps: number): Promise<Trade> => {
    const placed = await demo.post<{ trades: Trade[] }>('/v1/orders', buyer, {
      providerCode,
      currency: 'USD',
      quantityMinor,
      maxPriceBps,
      timeInForce: 'FOK',
    });
    const trade = placed.trades[0];
    if (!trade) throw new Error(`the demo order for ${providerCode} did not match`);
    return trade;
  };
  const payAndTransfer = async (trade: Trade, reference: string): Promise<void> => {
    await demo.post(`/v1/trades/${trade.id}/payment`, buyer, { paymentMethodId: 'pm_card_visa' });
    await demo.until(trade.id, operator, 'transfer_pending');
    await demo.post(`/v1/trades/${trade.id}/transfer`, seller, {
      reference,
      note: 'moved in the provider console',
    });
    await demo.until(trade.id, operator, 'verifying');
  };

  const toVerify = await buy('openai', 150_000, 7_400);
  await payAndTransfer(toVerify, 'OAI-XFER-1001');
  const confirmed = await buy('openai', 120_000, 7_400);
  await payAndTransfer(confirmed, 'OAI-XFER-1002');
  await demo.post(`/v1/trades/${confirmed.id}/receipt`, buyer, {});

  const settled = await buy('openai', 100_000, 7_400);
  await payAndTransfer(settled, 'OAI-XFER-1003');
  await demo.post(`/v1/admin/trades/${settled.id}/verification`, operator, {
    decision: 'approve',
    reason: 'transfer visible in the buyer’s OpenAI organisation',
  });
  if (payouts) await demo.until(settled.id, operator, 'settled');

  const disputed = await buy('openai', 80_000, 7_400);
  await payAndTransfer(disputed, 'OAI-XFER-1004');
  await demo.post(`/v1/trades/${disputed.id}/disputes`, buyer, {
    reason: 'Only half of the credit was reassigned to our OpenAI invoice',
  });

  const approval = await buy('anthropic', 100_000, 7_300);
  await demo.post(`/v1/trades/${approval.id}/payment`, buyer, { paymentMethodId: 'pm_card_visa' });
  await demo.until(approval.id, operator, 'awaiting_provider_approval');
  await buy('openai', 50_000, 7_400);

  const bids: Array<[string, number, number]> = [
    ['openai', 200_000, 6_400],
    ['openai', 100_000, 6_200],
    ['anthropic', 200_000, 6_900],
  ];
  for (const [providerCode, quantityMinor, maxPriceBps] of bids) {
    await demo.post('/v1/orders', buyer, {
      providerCode,
      currency: 'USD',
      quantityMinor,
      maxPriceBps,
      timeInForce: 'GTC',
    });
  }
  // A firm that has just signed up: its KYC review waits in the operators' queue.
  await demo.post(
    '/v1/auth/register',
    {},
    {
      organization: { name: 'Kestrel Analytics', legalEntityName: 'Kestrel Analytics GmbH', country: 'DE' },
      user: {
        email: `admin-${randomUUID().slice(0, 6)}@kestrel.example`,
        password: logins.password,
        name: 'Kai Kestrel',
      },
    },
  );
  log('demo market activity created: listings, bids and trades at each step an operator works on');
  return true;
}

class DemoClient {
  constructor(private readonly baseUrl: string) {}

  async signIn(email: string, password: string): Promise<Auth> {
    const { accessToken } = await this.post<{ accessToken: string }>(
      '/v1/auth/login',
      {},
      { email, password },
    );
    return { Authorization: `Bearer ${accessToken}` };
  }

  get<T>(path: string, auth: Auth): Promise<T> {
    return this.request<T>('GET', path, auth);
  }

  post<T>(path: string, auth: Auth, body: unknown): Promise<T> {
    return this.request<T>('POST', path, auth, body);
  }

  /** Onboards the seller with Stripe Connect; only the emulator completes it without a person. */
  async enablePayouts(orgAdmin: Auth): Promise<boolean> {
    const { url } = await this.post<{ url: string }>('/v1/organizations/me/payouts/onboarding', orgAdmin, {});
    const visit = await fetch(url, { redirect: 'manual' });
    if (visit.status !== 302) return false;
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      const payouts = await this.get<{ status: string }>('/v1/organizations/me/payouts', orgAdmin);
      if (payouts.status === 'enabled') return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  }

  /** Polls the trade until the workflow has moved it to `status`. */
  async until(tradeId: string, auth: Auth, status: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    let last = '';
    while (Date.now() < deadline) {
      last = (await this.get<Trade>(`/v1/trades/${tradeId}`, auth)).status;
      if (last === status) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`demo trade ${tradeId} is ${last}, not ${status}, after ${WAIT_MS / 1000} s`);
  }

  private async request<T>(method: string, path: string, auth: Auth, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...auth,
        ...(body === undefined
          ? {}
          : { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
