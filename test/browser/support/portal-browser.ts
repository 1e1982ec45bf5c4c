import type { Page } from 'playwright-core';

/** Signs in on the portal's sign-in page and waits for the home page, the expiring balances. */
export async function signInToPortal(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/app/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/app/balances');
}

/** Picks an option of a Mantine Select by the field's label. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label).and(page.locator('input')).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The visible text of an element with this test id. */
export function textOf(page: Page, testId: string): Promise<string> {
  return page.getByTestId(testId).first().innerText();
}

/**
 * The text of an element with this test id once it shows `expected` (its data may still be loading when the
 * page appears), or whatever it shows after `timeout`, for the caller's assertion to report.
 */
export async function textOnceLoaded(
  page: Page,
  testId: string,
  expected: string,
  timeout = 10_000,
): Promise<string> {
  const element = page.getByTestId(testId).first();
  await element
    .filter({ hasText: expected })
    .waitFor({ timeout })
    .catch(() => undefined);
  return element.innerText();
}

/** The id at the end of the page's URL (/app/trades/<id>). */
export function idInUrl(page: Page): string {
  const id = new URL(page.url()).pathname.split('/').pop();
  if (!id) throw new Error(`no id in ${page.url()}`);
  return id;
}

/** The status code a StatusBadge inside this test id shows (its text is styled in capitals). */
export async function statusOf(page: Page, testId: string): Promise<string | null> {
  return page.getByTestId(testId).locator('[data-status]').first().getAttribute('data-status');
}

/** Waits until the trade page says this about where the trade stands (the worker moves it on). */
export async function untilTradeSays(page: Page, text: string, timeout = 30_000): Promise<void> {
  await page.getByTestId('trade-status-text').filter({ hasText: text }).waitFor({ timeout });
}
