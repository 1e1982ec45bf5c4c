/**
 * The README's firm-portal screenshots (`npm run docs:screenshots` runs this after the console's): the
 * local demo's data (seed and market activity) on a throwaway PostgreSQL and Redis, the built portal in
 * Debian's Chromium, signed in as the demo seller's trader.
 */
import { resolve } from 'node:path';
import globalSetup from '../setup/global-setup';
import globalTeardown from '../setup/global-teardown';
import { launchChromium } from './support/console-browser';
import { DEMO_LOGINS, startConsoleStack } from './support/console-stack';
import { signInToPortal } from './support/portal-browser';

const DOCS = resolve(__dirname, '../../docs');

/** The demo seller's settled trade, found through the API as the seller. */
async function settledSale(baseUrl: string): Promise<string> {
  const login = await fetch(`${baseUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: DEMO_LOGINS.sellerTrader, password: DEMO_LOGINS.password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const trades = await fetch(`${baseUrl}/v1/trades?side=sell&status=settled&limit=1`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  const id = ((await trades.json()) as { data: { id: string }[] }).data[0]?.id;
  if (!id) throw new Error('the demo has no settled sale');
  return id;
}

async function main(): Promise<void> {
  await globalSetup();
  try {
    const stack = await startConsoleStack('docs_portal', { demo: true });
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        baseURL: stack.baseUrl,
        viewport: { width: 1440, height: 900 },
      });
      const page = await context.newPage();
      await signInToPortal(page, DEMO_LOGINS.sellerTrader, DEMO_LOGINS.password);
      await page.getByTestId('lot-row').first().waitFor();
      // The values at today's market arrive with each provider's book and trades.
      await page.getByTestId('total-recoverable').filter({ hasText: '$' }).waitFor();
      await page.waitForTimeout(1_000);
      await page.screenshot({ path: `${DOCS}/portal-expiring-balances.png`, fullPage: true });

      await page.goto(`/app/trades/${await settledSale(stack.baseUrl)}`);
      await page.getByTestId('proceeds-paid').waitFor();
      await page.screenshot({ path: `${DOCS}/portal-trade.png`, fullPage: true });
      console.log(`wrote ${DOCS}/portal-expiring-balances.png and ${DOCS}/portal-trade.png`);
    } finally {
      await browser.close();
      await stack.close();
    }
  } finally {
    await globalTeardown();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
