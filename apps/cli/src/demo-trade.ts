import { parseArgs } from 'node:util';
import { formatMoney } from '@carryover/shared';
import { DEMO_FIRMS, DEMO_OPERATOR, DEMO_PASSWORD } from './demo-accounts';
import { DemoTradeClient, type Auth, type DemoTrade, type TimelineEntry } from './demo-trade-client';

const USAGE = 'usage: npm run demo:trade [-- --url http://localhost:3000]';
const QUANTITY_MINOR = 100_000;
const PRICE_BPS = 7_100;

interface Lot {
  id: string;
  providerCode: string;
  currency: string;
  availableMinor: number;
}

interface Provider {
  code: string;
  policy: { resale: string; buyerEligibility: { sameLegalEntityOnly: boolean } };
}

function member(label: string, role: string): string {
  const found = DEMO_FIRMS.find((f) => f.label === label)?.members.find((m) => m.role === role);
  if (!found) throw new Error(`no demo ${label} ${role}`);
  return found.email;
}

/**
 * Walks one trade from order to settled through the public API of a running `npm run local` (API,
 * worker and the Stripe emulator), printing each step as the workflow takes it.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const baseUrl = (values.url ?? process.env.CARRYOVER_API_URL ?? 'http://localhost:3000').replace(/\/$/, '');
  const api = new DemoTradeClient(baseUrl);
  console.log(`Carryover demo trade against ${baseUrl}`);

  const operator = await api.signIn(DEMO_OPERATOR.email, DEMO_PASSWORD);
  const sellerAdmin = await api.signIn(member('seller', 'org_admin'), DEMO_PASSWORD);
  const seller = await api.signIn(member('seller', 'trader'), DEMO_PASSWORD);
  const buyer = await api.signIn(member('buyer', 'trader'), DEMO_PASSWORD);
  console.log(
    `  signed in as ${DEMO_OPERATOR.email}, ${member('seller', 'trader')}, ${member('buyer', 'trader')}`,
  );
  await ensurePayouts(api, sellerAdmin);

  const lot = await sellerLot(api, seller, buyer);
  const listing = await api.post<{ listing: { id: string } }>('/v1/listings', seller, {
    creditLotId: lot.id,
    quantityMinor: QUANTITY_MINOR,
    priceBps: PRICE_BPS,
  });
  console.log(
    `  seller lists ${formatMoney(QUANTITY_MINOR, lot.currency)} of ${lot.providerCode} credit at ${PRICE_BPS} bps`,
  );
  console.log(`    listing ${listing.listing.id}`);
  const placed = await api.post<{ trades: DemoTrade[] }>('/v1/orders', buyer, {
    providerCode: lot.providerCode,
    currency: lot.currency,
    quantityMinor: QUANTITY_MINOR,
    maxPriceBps: PRICE_BPS,
    timeInForce: 'FOK',
  });
  const matched = placed.trades[0];
  if (!matched) throw new Error('the buy order did not match');
  const money = (minor: number): string => formatMoney(minor, matched.currency);
  console.log(`  buyer's FOK order matched: trade ${matched.id}`);
  console.log(
    `    gross ${money(matched.grossMinor)}, fee ${money(matched.feeMinor)}, seller proceeds ${money(matched.sellerProceedsMinor)}`,
  );

  const seen = new Set<string>();
  const print = (step: TimelineEntry): void => {
    const reason = step.reason ? ` (${step.reason})` : '';
    console.log(`  -> ${step.status.padEnd(20)} by ${step.actor}${reason}`);
  };
  await api.follow(matched.id, buyer, 'awaiting_payment', print, seen);
  await api.post(`/v1/trades/${matched.id}/payment`, buyer, { paymentMethodId: 'pm_card_visa' });
  console.log('  buyer pays with pm_card_visa; the payment provider confirms by webhook');
  await api.follow(matched.id, buyer, 'transfer_pending', print, seen);
  const reference = `DEMO-XFER-${matched.id.slice(0, 8).toUpperCase()}`;
  await api.post(`/v1/trades/${matched.id}/transfer`, seller, {
    reference,
    note: 'moved in the provider’s console',
  });
  console.log(`  seller reports the credit transfer, reference ${reference}`);
  await api.follow(matched.id, seller, 'verifying', print, seen);
  await api.post(`/v1/trades/${matched.id}/receipt`, buyer);
  console.log('  buyer confirms receipt of the credits');
  await api.post(`/v1/admin/trades/${matched.id}/verification`, operator, {
    decision: 'approve',
    reason: 'transfer confirmed in the buyer’s provider account',
  });
  console.log('  operator approves the transfer');
  const settled = await api.follow(matched.id, operator, 'settled', print, seen);
  const ledger = await api.get<{ balanced: boolean }>('/v1/admin/ledger/balances', operator);
  console.log(
    `  settled: ${money(settled.escrow.paidOutMinor)} transferred to the seller` +
      ` (${settled.escrow.transfer?.transferId ?? 'no transfer'}), escrow holds ${money(settled.escrow.heldMinor)},` +
      ` ledger ${ledger.balanced ? 'balanced' : 'NOT balanced'}`,
  );
}

async function ensurePayouts(api: DemoTradeClient, sellerAdmin: Auth): Promise<void> {
  const status = await api.get<{ status: string }>('/v1/organizations/me/payouts', sellerAdmin);
  if (status.status === 'enabled') {
    console.log('  seller payouts: enabled');
    return;
  }
  const { url } = await api.post<{ url: string }>('/v1/organizations/me/payouts/onboarding', sellerAdmin);
  // The emulator's account link completes onboarding when visited; Stripe's needs a person.
  const visit = await fetch(url, { redirect: 'manual' });
  const deadline = Date.now() + 15_000;
  while (visit.status === 302 && Date.now() < deadline) {
    const now = await api.get<{ status: string }>('/v1/organizations/me/payouts', sellerAdmin);
    if (now.status === 'enabled') {
      console.log('  seller payouts: enabled through Stripe Connect onboarding');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.log(`  seller payouts: not enabled; complete onboarding at ${url} or the release will wait`);
}

/**
 * A lot of the seller's with credit left whose provider lets this buyer buy without the provider's approval
 * (resale allowed, no same-legal-entity rule), so the trade walks the plain path.
 */
async function sellerLot(api: DemoTradeClient, seller: Auth, buyer: Auth): Promise<Lot> {
  const providers = await api.get<Provider[]>('/v1/providers', buyer);
  const plain = new Set(
    providers
      .filter((p) => p.policy.resale === 'allowed' && !p.policy.buyerEligibility.sameLegalEntityOnly)
      .map((p) => p.code),
  );
  const lots = await api.get<{ data: Lot[] }>('/v1/credit-lots?limit=200', seller);
  const lot = lots.data.find((l) => plain.has(l.providerCode) && l.availableMinor >= QUANTITY_MINOR);
  if (!lot)
    throw new Error('the demo seller has no lot with credit left that the buyer may buy: run seed:demo');
  return lot;
}

main().catch((error: unknown) => {
  console.error(`demo:trade failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
