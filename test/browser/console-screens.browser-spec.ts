import type { Page } from 'playwright-core';
import { consoleBrowser, navigate, signIn } from './support/console-browser';
import { DEMO_LOGINS, startConsoleStack, type ConsoleStack } from './support/console-stack';

/** The body rows of the table with this accessible name, once it has some. */
async function rows(page: Page, table: string): Promise<string[]> {
  const body = page.getByRole('table', { name: table }).locator('tbody tr');
  await body.first().waitFor();
  return body.allTextContents();
}

describe('operator console: every screen on the demo data', () => {
  let stack: ConsoleStack;

  beforeAll(async () => {
    stack = await startConsoleStack('browser_screens', { demo: true });
  }, 240_000);
  afterAll(() => stack?.close());

  const consoleTest = consoleBrowser(() => stack.baseUrl);

  async function signedIn(page: Page): Promise<void> {
    await signIn(page, DEMO_LOGINS.operator, DEMO_LOGINS.password);
    await page.waitForURL('**/admin/transfers');
  }

  consoleTest(
    'transfers: the queue to verify, oldest first with its age, and a trade’s full record',
    async (page) => {
      await signedIn(page);

      const queue = await rows(page, 'Trades verifying');
      expect(queue).toHaveLength(2);
      expect(queue.every((row) => row.includes('openai') && row.includes('verifying'))).toBe(true);
      expect(queue[0]).toMatch(/\$1,500\.00/);
      await expect(page.getByTestId('trade-age').first().textContent()).resolves.toMatch(/just now|min/);

      await page.getByRole('table', { name: 'Trades verifying' }).locator('tbody tr').first().click();
      await page.waitForURL(/\/admin\/transfers\/[0-9a-f-]{36}$/);
      await expect(page.getByTestId('party-seller').textContent()).resolves.toContain(
        'Northwind Compute Ltd',
      );
      await expect(page.getByTestId('party-buyer').textContent()).resolves.toContain('Bluefin Labs Inc');
      await expect(page.getByTestId('transfer-reference').textContent()).resolves.toBe('OAI-XFER-1001');
      await expect(page.getByTestId('deal').textContent()).resolves.toMatch(/6,800 bps.*32\.00% off/);
      await expect(page.getByTestId('policy-version').textContent()).resolves.toBe('1');
      await expect(page.getByTestId('ledger').textContent()).resolves.toContain('fund');
      const timeline = await page.getByTestId('timeline').textContent();
      for (const step of [
        'awaiting payment',
        'funded',
        'transfer pending',
        'transfer submitted',
        'verifying',
      ]) {
        expect(timeline).toContain(step);
      }

      await navigate(page, 'Transfers');
      await page.getByRole('tab', { name: 'Awaiting provider approval' }).click();
      const approvals = await rows(page, 'Trades awaiting provider approval');
      expect(approvals).toHaveLength(1);
      expect(approvals[0]).toContain('anthropic');
    },
  );

  consoleTest(
    'compliance reviews and KYC: the new firm waits with the rule that flagged it',
    async (page) => {
      await signedIn(page);
      await navigate(page, 'Compliance reviews');
      const reviews = await rows(page, 'Compliance reviews');
      expect(reviews.some((row) => row.includes('organization') && row.includes('KYC pending'))).toBe(true);

      await navigate(page, 'Organisations (KYC)');
      const organisations = (await rows(page, 'Organisations')).join('\n');
      expect(organisations).toContain('Northwind Compute Ltd');
      expect(organisations).toContain('Bluefin Labs Inc');
      expect(organisations).toMatch(/Kestrel Analytics GmbH.*pending/);
    },
  );

  consoleTest('disputes: the open dispute with the buyer’s reason', async (page) => {
    await signedIn(page);
    await navigate(page, 'Disputes');
    const disputes = await rows(page, 'Disputes');
    expect(disputes).toHaveLength(1);
    expect(disputes[0]).toContain('Only half of the credit was reassigned');
    expect(disputes[0]).toContain('buyer');
  });

  consoleTest('provider policies: every provider, and a provider’s versions side by side', async (page) => {
    await signedIn(page);
    await navigate(page, 'Provider policies');
    const providers = (await rows(page, 'Providers')).join('\n');
    expect(providers).toContain('Anthropic');
    expect(providers).toContain('approval required');

    await page.getByRole('table', { name: 'Providers' }).getByText('Anthropic', { exact: true }).click();
    const versions = page.getByRole('table', { name: 'Anthropic policy versions' });
    await versions.waitFor();
    await expect(versions.locator('thead').textContent()).resolves.toContain('Version 1');
    await expect(versions.textContent()).resolves.toContain('commercial terms require its prior approval');

    // Editing creates version 2 beside version 1; the changed term is marked.
    await page.getByRole('button', { name: 'Edit policy…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New policy version for Anthropic' });
    await dialog.getByRole('textbox', { name: 'Minimum days to expiry' }).fill('45');
    await dialog
      .getByRole('textbox', { name: 'Why this change' })
      .fill('transfers take longer than expected');
    await dialog.getByRole('button', { name: 'Save as version 2' }).click();
    await dialog.waitFor({ state: 'detached' });
    await versions.locator('thead').getByText('Version 2').waitFor();
    const minDays = versions.locator('tbody tr', { hasText: 'Min. days to expiry' });
    await expect(minDays.locator('td').allTextContents()).resolves.toEqual([
      'Min. days to expiry',
      '45',
      '30',
    ]);
  });

  consoleTest(
    'market overview: book depth chart, recent trades and the days-to-expiry statistics',
    async (page) => {
      await signedIn(page);
      await navigate(page, 'Market overview');
      await page.locator('input[aria-label="Provider"]').click();
      await page.getByRole('option', { name: 'OpenAI', exact: true }).click();

      const depth = page.getByTestId('book-depth');
      await depth.locator('.recharts-bar-rectangle').first().waitFor();
      await expect(depth.textContent()).resolves.toMatch(/Best bids.*6,400 bps/);
      const recent = await rows(page, 'Recent trades');
      expect(recent.length).toBeGreaterThanOrEqual(5);
      const stats = await rows(page, 'Volume by days to expiry');
      // Six executions (one order took the rest of the 6,800 listing and the next one): $5,000.00 face for
      // $3,420.00, 31.60% below face value on average.
      expect(stats.find((row) => row.startsWith('181+'))).toBe('181+6$5,000.00$3,420.0031.60%');
    },
  );

  consoleTest('money: ledger balances, balanced, and the reconciliation view', async (page) => {
    await signedIn(page);
    await navigate(page, 'Money');
    await expect(page.getByTestId('ledger-balanced').textContent()).resolves.toContain('balanced');
    const accounts = (await rows(page, 'Ledger balances')).join('\n');
    expect(accounts).toContain('escrow_held');
    expect(accounts).toContain('fee_revenue');
    await page
      .getByTestId('reconciliation')
      .getByText(/Ledger and Stripe agree|Trade/)
      .first()
      .waitFor();
  });

  consoleTest('queues: counts for every queue and the failed jobs list', async (page) => {
    await signedIn(page);
    await navigate(page, 'Queues');
    const queues = (await rows(page, 'Queue counts')).join('\n');
    for (const queue of ['settlement', 'payments', 'maintenance']) expect(queues).toContain(queue);
    await page
      .getByTestId('failed-jobs')
      .getByText(/No failed jobs on|Retry/)
      .first()
      .waitFor();
  });

  consoleTest(
    'audit log: actors, actions and reasons, the chain intact, searchable by entity id',
    async (page) => {
      await signedIn(page);
      await navigate(page, 'Audit log');
      await page
        .getByTestId('chain-status')
        .getByText(/intact: \d+ links verified/)
        .waitFor();
      const events = (await rows(page, 'Audit events')).join('\n');
      expect(events).toContain('operator');
      expect(events).toContain('linked');

      const tradeId = await page.evaluate<string>(
        `fetch('/v1/admin/trades?status=settled', { headers: { Authorization: 'Bearer ' + JSON.parse(sessionStorage.getItem('carryover.admin.session')).accessToken } }).then((r) => r.json()).then((b) => b.data[0].id)`,
      );
      await page.getByLabel('Entity id').fill(tradeId);
      await page.getByRole('button', { name: 'Search' }).click();
      await page
        .getByRole('table', { name: 'Audit events' })
        .getByText('transfer visible in the buyer’s OpenAI organisation')
        .waitFor();
      const trail = await rows(page, 'Audit events');
      expect(trail.every((row) => row.includes(tradeId))).toBe(true);
    },
  );
});
