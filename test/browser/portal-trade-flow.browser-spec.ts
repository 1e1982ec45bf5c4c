import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createTestProvider } from '../factories/catalog.factory';
import { verifyKyc } from '../factories/credits.factory';
import { VALID_PASSWORD, registerFirm, signInOperator, uniqueEmail } from '../factories/identity.factory';
import { eventually } from '../support/stripe-payments';
import {
  enablePayouts,
  startSettlementTestbed,
  tradeOf,
  type SettlementTestbed,
} from '../support/settlement-testbed';
import { consoleBrowser, navigate } from './support/console-browser';
import {
  choose,
  idInUrl,
  signInToPortal,
  statusOf,
  textOf,
  textOnceLoaded,
  untilTradeSays,
} from './support/portal-browser';

type Auth = { Authorization: string };

/**
 * The firm portal end to end on a real API, worker, PostgreSQL, Redis and the Stripe emulator: a seller
 * registers and lists a balance with a price schedule, a buyer buys part of it and pays with the test
 * card, the seller reports the transfer, the buyer confirms it, an operator approves, and both sides see
 * the trade settled. Each step is one test, in order, on the state the previous one left.
 */
describe('firm portal: a trade from listing to settlement', () => {
  let bed: SettlementTestbed;
  let baseUrl: string;
  let operator: Auth;
  let providerName: string;
  const members = {
    seller: { email: '', auth: {} as Auth },
    buyer: { email: '', auth: {} as Auth },
  };
  let lotId = '';
  let tradeId = '';

  async function member(firm: { auth: Auth }, role: 'trader' | 'viewer', label: string) {
    const email = uniqueEmail(label);
    await bed.api.http
      .post('/v1/organizations/me/members')
      .set(firm.auth)
      .send({ email, name: `${label} ${role}`, password: VALID_PASSWORD, role })
      .expect(201);
    const login = await bed.api.http
      .post('/v1/auth/login')
      .send({ email, password: VALID_PASSWORD })
      .expect(200);
    return { email, auth: { Authorization: `Bearer ${login.body.accessToken}` } };
  }

  beforeAll(async () => {
    bed = await startSettlementTestbed('browser_portal_flow');
    const { port } = bed.api.app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${port}`;
    operator = (await signInOperator(bed.api)).auth;
    const seller = await registerFirm(bed.api.http, { organization: { name: 'Harbour Accounting' } });
    const buyer = await registerFirm(bed.api.http, { organization: { name: 'Quayside Robotics' } });
    await verifyKyc(bed.api, operator, seller.organizationId);
    await verifyKyc(bed.api, operator, buyer.organizationId);
    await enablePayouts(bed, seller.auth);
    members.seller = await member(seller, 'trader', 'seller');
    members.buyer = await member(buyer, 'trader', 'buyer');
    const code = await createTestProvider(bed.api.app.get(DataSource), { minDaysToExpiry: 14 });
    providerName = `Test AI ${code}`;
  }, 120_000);
  afterAll(() => bed?.close());

  const portalTest = consoleBrowser(() => baseUrl);

  async function openTrade(page: Page, email: string): Promise<void> {
    await signInToPortal(page, email, VALID_PASSWORD);
    await page.goto(`/app/trades/${tradeId}`);
    await page.getByTestId('next-step').waitFor();
  }

  portalTest(
    'a seller registers a balance with evidence and lists it with a price schedule',
    async (page) => {
      await signInToPortal(page, members.seller.email, VALID_PASSWORD);
      await expect(page.getByTestId('empty-state').innerText()).resolves.toContain('No credit balances yet');

      await page.getByRole('link', { name: 'Register a balance' }).first().click();
      await choose(page, 'Provider', providerName);
      await page.getByLabel('Account at the provider').fill('org-harbour-7731');
      await page.getByLabel('Unused balance').fill('10,000.00');
      const expiry = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('Expires on').fill(expiry);
      await choose(page, 'How you got the credit', 'Prepaid purchase');
      await page.getByLabel('Invoice reassignment').check();
      await page.getByLabel('Statement or invoice number').fill('INV-2026-0042');
      await page.getByRole('button', { name: 'Register balance' }).click();

      await page.waitForURL(/\/app\/credit-lots\/[0-9a-f-]{36}$/);
      lotId = idInUrl(page);
      await expect(textOf(page, 'lot-verification')).resolves.toContain('Waiting for Carryover to check');
      await bed.api.http
        .post(`/v1/admin/credit-lots/${lotId}/verification`)
        .set(operator)
        .send({ decision: 'verify', reason: 'statement matches the provider console' })
        .expect(200);
      await page.reload();
      await expect(textOf(page, 'lot-verification')).resolves.toContain('Verified by Carryover');

      await page.getByRole('link', { name: 'Sell this balance' }).click();
      await page.getByLabel('Credit to sell').fill('5,000.00');
      await page.getByText('Price schedule').click();
      // The default tiers: 20% off from 90 days left, 30% from 30, 40% to the end; 200 days are left.
      await expect(page.getByTestId('price-tier').count()).resolves.toBe(3);
      await page.getByRole('textbox', { name: 'Tier 1 price' }).fill('20');
      // $5,000.00 at 80% = $4,000.00, less the 5% fee: $3,800.00, computed as the seller types.
      await expect(textOf(page, 'proceeds-total')).resolves.toBe('$3,800.00');
      await page.getByRole('button', { name: 'List for sale' }).click();

      await page.waitForURL(/\/app\/listings\/[0-9a-f-]{36}$/);
      await expect(statusOf(page, 'listing-status')).resolves.toBe('active');
      await expect(page.getByRole('table', { name: 'Price schedule' }).innerText()).resolves.toMatch(
        /90 or more\s+8,000 bps.*\n.*30 or more\s+7,000 bps.*\n.*0 or more\s+6,000 bps/,
      );
      await expect(textOf(page, 'listing-remaining')).resolves.toBe('$5,000.00');
    },
  );

  portalTest('a buyer finds it in the market, buys part of it and sees the fill at once', async (page) => {
    await signInToPortal(page, members.buyer.email, VALID_PASSWORD);
    await navigate(page, 'Buy credits');
    await choose(page, 'Provider', providerName);
    await page.getByTestId('depth-chart').waitFor();
    await expect(page.getByRole('table', { name: 'Offers' }).innerText()).resolves.toMatch(
      /8,000 bps.*\$5,000\.00/s,
    );

    await page.getByLabel('Credit to buy').fill('2,000');
    await page.getByLabel('Smallest discount you accept').fill('15');
    await page.getByText('Buy what is there').click();
    await expect(textOf(page, 'order-estimate')).resolves.toContain('$1,700.00');
    await page.getByRole('button', { name: 'Place buy order' }).click();

    const result = await textOf(page, 'order-result');
    expect(result).toContain('Bought $2,000.00 of credit for $1,600.00');
    await page.getByTestId('fill').getByRole('link', { name: 'Pay' }).click();
    await page.waitForURL(/\/app\/trades\/[0-9a-f-]{36}$/);
    tradeId = idInUrl(page);
    await expect(textOf(page, 'trade-status-text')).resolves.toBe('Waiting for your payment');
  });

  portalTest(
    'the buyer pays with the test card and the trade waits for the seller’s transfer',
    async (page) => {
      await openTrade(page, members.buyer.email);
      await expect(page.getByLabel('Visa ending 4242 (succeeds)').isChecked()).resolves.toBe(true);
      await page.getByRole('button', { name: 'Pay $1,600.00' }).click();
      await untilTradeSays(page, 'Waiting for the seller to transfer the credit');
      await expect(page.getByTestId('trade-money').innerText()).resolves.toMatch(
        /Held in escrow now\s+\$1,600\.00/,
      );
    },
  );

  portalTest('the seller reports the transfer with the provider’s reference', async (page) => {
    await openTrade(page, members.seller.email);
    await expect(textOf(page, 'trade-status-text')).resolves.toBe('Waiting for you to transfer the credit');
    await page.getByLabel('Transfer reference').fill('HARBOUR-XFER-0042');
    await page.getByRole('button', { name: 'Report transfer' }).click();
    await untilTradeSays(page, 'Carryover is verifying the transfer');
  });

  portalTest('the buyer confirms receipt', async (page) => {
    await openTrade(page, members.buyer.email);
    await expect(page.getByTestId('next-step').innerText()).resolves.toContain('HARBOUR-XFER-0042');
    await page.getByRole('button', { name: 'Confirm I received the credit' }).click();
    await page.getByText('The buyer confirmed receipt on').waitFor();
    await expect(page.getByRole('button', { name: 'Confirm I received the credit' }).count()).resolves.toBe(
      0,
    );
  });

  portalTest(
    'after an operator approves, both sides see the trade settled and the seller its proceeds',
    async (page) => {
      await bed.api.http
        .post(`/v1/admin/trades/${tradeId}/verification`)
        .set(operator)
        .send({ decision: 'approve', reason: 'credit visible in the buyer’s account' })
        .expect(200);
      await eventually(
        async () => ((await tradeOf(bed, operator, tradeId)).status === 'settled' ? true : undefined),
        'settled',
        30_000,
      );

      await openTrade(page, members.seller.email);
      await expect(statusOf(page, 'trade-status')).resolves.toBe('settled');
      // $1,600.00 less the 5% fee.
      await expect(textOf(page, 'proceeds-paid')).resolves.toContain('$1,520.00 paid to your payout account');
      await expect(textOf(page, 'paid-out')).resolves.toBe('$1,520.00');
      await navigate(page, 'Expiring balances');
      await expect(textOnceLoaded(page, 'total-received', '$1,520.00')).resolves.toBe('$1,520.00');
      await expect(page.getByTestId('lot-row').innerText()).resolves.toMatch(
        /sold \$2,000\.00.*listed \$3,000\.00.*available \$5,000\.00/s,
      );

      await page.getByRole('button', { name: 'Sign out' }).click();
      await openTrade(page, members.buyer.email);
      await expect(statusOf(page, 'trade-status')).resolves.toBe('settled');
      await expect(textOf(page, 'next-step')).resolves.toContain(
        'The credit is yours and the seller has been paid.',
      );
    },
  );
});
