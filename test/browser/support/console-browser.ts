import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureChromium } from './chromium';

/** Where a failing test leaves its screenshot; the failure message prints the file. */
export const FAILURE_SCREENSHOTS = resolve(__dirname, '../../../test-results/browser');

export async function launchChromium(): Promise<Browser> {
  const executablePath = await ensureChromium();
  return chromium.launch({
    executablePath,
    headless: true,
    // Root in a container has no user namespace for Chromium's sandbox.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

export interface ConsoleTestOptions {
  /** Console errors the test provokes on purpose (e.g. the 401 of a revoked token); any other fails it. */
  expectedConsoleErrors?: RegExp[];
  timeoutMs?: number;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/**
 * Chromium for a describe block. Each test gets a fresh context (empty sessionStorage) at `baseUrl()`;
 * any console error or uncaught page error fails the test, and a failing test leaves a full-page
 * screenshot whose path is in the failure message.
 */
export function consoleBrowser(baseUrl: () => string) {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  return function consoleTest(
    name: string,
    body: (page: Page) => Promise<void>,
    options: ConsoleTestOptions = {},
  ): void {
    it(
      name,
      async () => {
        if (!browser) throw new Error('Chromium did not start');
        const context = await browser.newContext({
          baseURL: baseUrl(),
          viewport: { width: 1440, height: 900 },
        });
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        const problems: string[] = [];
        page.on('console', (message) => {
          if (message.type() !== 'error') return;
          const text = message.text();
          if (!options.expectedConsoleErrors?.some((pattern) => pattern.test(text))) {
            problems.push(`console error: ${text} (${message.location().url})`);
          }
        });
        page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
        try {
          await body(page);
          expect(problems).toEqual([]);
        } catch (error) {
          mkdirSync(FAILURE_SCREENSHOTS, { recursive: true });
          const file = join(FAILURE_SCREENSHOTS, `${slug(name)}.png`);
          const shot = await page
            .screenshot({ path: file, fullPage: true })
            .then(() => `screenshot: ${file}`)
            .catch((reason: Error) => `no screenshot: ${reason.message}`);
          if (error instanceof Error) {
            error.message = [error.message, shot, ...problems].join('\n');
          }
          throw error;
        } finally {
          await context.close();
        }
      },
      options.timeoutMs ?? 120_000,
    );
  };
}

/** Signs in on the console's sign-in page. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/admin/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Follows a link of the main navigation. */
export async function navigate(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: label }).click();
}

const SESSION_KEY = 'carryover.admin.session';

/** The console's stored session in this tab (sessionStorage), or null. */
export async function storedSession(page: Page): Promise<Record<string, unknown> | null> {
  const raw = await page.evaluate<string | null>(`sessionStorage.getItem(${JSON.stringify(SESSION_KEY)})`);
  return raw === null ? null : (JSON.parse(raw) as Record<string, unknown>);
}

/** Changes fields of the stored session, as time or a revoked token would. */
export async function patchSession(page: Page, patch: Record<string, unknown>): Promise<void> {
  const session = { ...(await storedSession(page)), ...patch };
  await page.evaluate(
    `sessionStorage.setItem(${JSON.stringify(SESSION_KEY)}, ${JSON.stringify(JSON.stringify(session))})`,
  );
}
