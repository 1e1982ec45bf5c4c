/**
 * `npm run docs:screenshots`: the README's console screenshots, taken from the local demo's data (seed and
 * market activity) on a throwaway PostgreSQL and Redis, with the built console in Debian's Chromium.
 */
import { resolve } from 'node:path';
import globalSetup from '../setup/global-setup';
import globalTeardown from '../setup/global-teardown';
import { launchChromium, navigate, signIn } from './support/console-browser';
import { DEMO_LOGINS, startConsoleStack } from './support/console-stack';

const DOCS = resolve(__dirname, '../../docs');

async function main(): Promise<void> {
  await globalSetup();
  try {
    const stack = await startConsoleStack('docs', { demo: true });
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        baseURL: stack.baseUrl,
        viewport: { width: 1440, height: 860 },
      });
      const page = await context.newPage();
      await signIn(page, DEMO_LOGINS.operator, DEMO_LOGINS.password);
      await page.waitForURL('**/admin/transfers');
      await page.getByRole('table', { name: 'Trades verifying' }).locator('tbody tr').first().waitFor();
      await page.screenshot({ path: `${DOCS}/console-transfer-queue.png` });

      await navigate(page, 'Market overview');
      await page.locator('input[aria-label="Provider"]').click();
      await page.getByRole('option', { name: 'OpenAI', exact: true }).click();
      await page.getByTestId('book-depth').locator('.recharts-bar-rectangle').first().waitFor();
      await page.getByRole('table', { name: 'Recent trades' }).waitFor();
      // Let the charts finish their entry animation.
      await page.waitForTimeout(1_500);
      await page.screenshot({ path: `${DOCS}/console-market-overview.png`, fullPage: true });
      console.log(`wrote ${DOCS}/console-transfer-queue.png and ${DOCS}/console-market-overview.png`);
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
