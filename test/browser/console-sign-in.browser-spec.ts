import { CreateOperatorUseCase } from '@carryover/identity';
import { registerFirm, uniqueEmail, VALID_PASSWORD } from '../factories/identity.factory';
import { consoleBrowser, patchSession, signIn, storedSession } from './support/console-browser';
import { startConsoleStack, type ConsoleStack } from './support/console-stack';

describe('operator console: signing in', () => {
  let stack: ConsoleStack;
  const operatorEmail = uniqueEmail('operator');
  let firmAdminEmail: string;

  beforeAll(async () => {
    stack = await startConsoleStack('browser_sign_in');
    await stack.bed.api.app
      .get(CreateOperatorUseCase)
      .execute({ email: operatorEmail, password: VALID_PASSWORD, name: 'Olga Operator' });
    firmAdminEmail = (await registerFirm(stack.bed.api.http, { organization: { name: 'Heron Data' } })).email;
  }, 120_000);
  afterAll(() => stack?.close());

  const consoleTest = consoleBrowser(() => stack.baseUrl);

  consoleTest('an operator signs in, lands on the transfer queue, and signs out', async (page) => {
    await page.goto('/admin/');
    await page.waitForURL('**/admin/sign-in');

    await signIn(page, operatorEmail, VALID_PASSWORD);

    await page.waitForURL('**/admin/transfers');
    await page.getByRole('heading', { name: 'Transfers' }).waitFor();
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain(operatorEmail);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/admin/sign-in');
    await expect(page.getByTestId('session-ended').textContent()).resolves.toContain('You signed out.');
    await page.goto('/admin/transfers');
    await page.waitForURL('**/admin/sign-in');
  });

  consoleTest('a firm’s user is refused with a message saying the console is for operators', async (page) => {
    await signIn(page, firmAdminEmail, VALID_PASSWORD);

    const refusal = page.getByTestId('sign-in-error');
    await refusal.waitFor();
    const text = await refusal.textContent();
    expect(text).toContain('This account cannot use this app');
    expect(text).toContain(`${firmAdminEmail} is a org_admin at Heron Data`);
    expect(text).toContain('for Carryover operators only');
    expect(page.url()).toMatch(/\/admin\/sign-in$/);
    expect(await storedSession(page)).toBeNull();
  });

  consoleTest('when the session’s time is up the console goes back to sign-in and says why', async (page) => {
    await signIn(page, operatorEmail, VALID_PASSWORD);
    await page.waitForURL('**/admin/transfers');
    // The token's lifetime ends in a second: the console signs out by itself then.
    await patchSession(page, { expiresAt: Date.now() + 1_000 });
    await page.reload();

    await page.waitForURL('**/admin/sign-in');
    await expect(page.getByTestId('session-ended').textContent()).resolves.toContain(
      'Your session has expired',
    );
  });

  consoleTest(
    'a token the API no longer accepts ends the session at the first 401',
    async (page) => {
      await signIn(page, operatorEmail, VALID_PASSWORD);
      await page.waitForURL('**/admin/transfers');
      await patchSession(page, { accessToken: 'revoked.token.value' });
      await page.goto('/admin/money');

      await page.waitForURL('**/admin/sign-in');
      await expect(page.getByTestId('session-ended').textContent()).resolves.toContain(
        'Your session has expired',
      );
    },
    { expectedConsoleErrors: [/status of 401/] },
  );
});
