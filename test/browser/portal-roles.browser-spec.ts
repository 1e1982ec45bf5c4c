import { DataSource } from 'typeorm';
import { createTestProvider } from '../factories/catalog.factory';
import { verifiedLot, verifyKyc } from '../factories/credits.factory';
import { VALID_PASSWORD, registerFirm, signInOperator, uniqueEmail } from '../factories/identity.factory';
import { startSettlementTestbed, type SettlementTestbed } from '../support/settlement-testbed';
import { consoleBrowser, navigate } from './support/console-browser';
import { choose, signInToPortal, textOf } from './support/portal-browser';

/** What a viewer is shown, and the API's own validation messages placed next to the fields they name. */
describe('firm portal: roles and validation', () => {
  let bed: SettlementTestbed;
  let baseUrl: string;
  let providerName: string;
  let sellerViewer = '';
  let buyerViewer = '';

  beforeAll(async () => {
    bed = await startSettlementTestbed('browser_portal_roles', { worker: false });
    const { port } = bed.api.app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${port}`;
    const operator = (await signInOperator(bed.api)).auth;
    const seller = await registerFirm(bed.api.http);
    const buyer = await registerFirm(bed.api.http);
    await verifyKyc(bed.api, operator, seller.organizationId);
    await verifyKyc(bed.api, operator, buyer.organizationId);
    const code = await createTestProvider(bed.api.app.get(DataSource));
    providerName = `Test AI ${code}`;
    const creditLotId = await verifiedLot(bed.api, operator, seller.auth, { providerCode: code });
    await bed.api.http
      .post('/v1/listings')
      .set(seller.auth)
      .send({ creditLotId, quantityMinor: 250_000, priceBps: 7_500 })
      .expect(201);
    const addViewer = async (firm: { auth: { Authorization: string } }) => {
      const email = uniqueEmail('viewer');
      await bed.api.http
        .post('/v1/organizations/me/members')
        .set(firm.auth)
        .send({ email, name: 'Vera Viewer', password: VALID_PASSWORD, role: 'viewer' })
        .expect(201);
      return email;
    };
    sellerViewer = await addViewer(seller);
    buyerViewer = await addViewer(buyer);
  }, 120_000);
  afterAll(() => bed?.close());

  const portalTest = consoleBrowser(() => baseUrl);

  portalTest('a viewer sees the balances but no button to register, sell or withdraw', async (page) => {
    await signInToPortal(page, sellerViewer, VALID_PASSWORD);
    await page.getByTestId('lot-row').waitFor();
    await expect(textOf(page, 'lot-row')).resolves.toMatch(/listed \$2,500\.00/);
    expect(await page.getByRole('link', { name: 'Register a balance' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Sell' }).count()).toBe(0);

    await page.getByTestId('lot-row').click();
    await page.getByTestId('lot-verification').waitFor();
    expect(await page.getByRole('link', { name: 'Sell this balance' }).count()).toBe(0);
    await page
      .getByRole('table', { name: 'Listings of this balance' })
      .getByRole('link', { name: 'Open' })
      .click();
    await page.getByTestId('listing-status').waitFor();
    expect(await page.getByRole('button', { name: 'Withdraw unsold credit' }).count()).toBe(0);

    await navigate(page, 'Members');
    await page.getByRole('table', { name: 'Members' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add a member' }).count()).toBe(0);
    await navigate(page, 'Payouts');
    await page.getByTestId('payout-status').waitFor();
    expect(await page.getByRole('button', { name: /Stripe/ }).count()).toBe(0);
    // The administrators' pages are not even offered.
    expect(
      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', { name: 'API keys' })
        .count(),
    ).toBe(0);
  });

  portalTest('a viewer follows the market but cannot place a buy order', async (page) => {
    await signInToPortal(page, buyerViewer, VALID_PASSWORD);
    await navigate(page, 'Buy credits');
    await choose(page, 'Provider', providerName);
    await expect(page.getByRole('table', { name: 'Offers' }).innerText()).resolves.toContain('$2,500.00');
    await expect(textOf(page, 'read-only')).resolves.toContain('Buying needs the trader role');
    expect(await page.getByRole('button', { name: 'Place buy order' }).count()).toBe(0);
    expect(await page.getByLabel('Credit to buy').count()).toBe(0);
  });

  portalTest(
    'a validation error from the API is shown next to the field it names',
    async (page) => {
      await page.goto('/app/sign-up');
      await page.getByLabel('Firm name').fill('Ledgerline Partners');
      await choose(page, 'Country of incorporation', 'United Kingdom');
      await page.getByLabel('Your name').fill('Casey Finance');
      // Passes the form's own loose check; the API knows a top-level domain has two letters at least.
      await page.getByLabel('Work e-mail').fill('casey@ledgerline.x');
      await page.getByRole('textbox', { name: 'Password' }).fill('a-long-enough-passphrase');
      const answered = page.waitForResponse((r) => r.url().endsWith('/v1/auth/register'));
      await page.getByRole('button', { name: 'Create account' }).click();
      expect((await answered).status()).toBe(400);

      // The form marks the field once it has read the problem, a moment after the response arrives.
      const email = page.getByLabel('Work e-mail');
      await email.and(page.locator('[aria-invalid="true"]')).waitFor({ timeout: 10_000 });
      await expect(email.getAttribute('aria-invalid')).resolves.toBe('true');
      const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
      const messages = await Promise.all(
        describedBy.split(' ').map((id) =>
          page
            .locator(`[id="${id}"]`)
            .innerText()
            .catch(() => ''),
        ),
      );
      expect(messages.join(' ')).toMatch(/email must be an email/);
      // Only the field the API named is marked.
      await expect(page.getByLabel('Firm name').getAttribute('aria-invalid')).resolves.not.toBe('true');
      expect(page.url()).toContain('/app/sign-up');
    },
    { expectedConsoleErrors: [/status of 400/] },
  );
});
