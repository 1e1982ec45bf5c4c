import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { CreateOperatorUseCase } from '@carryover/identity';
import { uniqueEmail, VALID_PASSWORD } from '../factories/identity.factory';
import {
  matchedTrade,
  payTrade,
  settlementCast,
  tradeOf,
  untilStatus,
  type Cast,
} from '../support/settlement-testbed';
import { consoleBrowser, navigate, signIn } from './support/console-browser';
import { startConsoleStack, type ConsoleStack } from './support/console-stack';

describe('operator console: verifying transfers and resolving disputes', () => {
  let stack: ConsoleStack;
  let cast: Cast;
  const operatorEmail = uniqueEmail('operator');

  /** A paid trade (gross $720.00) whose seller has submitted the transfer: verifying. */
  async function tradeToVerify(reference: string): Promise<string> {
    const trade = await matchedTrade(stack.bed, cast);
    await payTrade(stack.bed, cast, trade.id);
    await untilStatus(stack.bed, cast.sellerTrader, trade.id, 'transfer_pending');
    await stack.bed.api.http
      .post(`/v1/trades/${trade.id}/transfer`)
      .set(cast.sellerTrader)
      .set('Idempotency-Key', randomUUID())
      .send({ reference })
      .expect(200);
    await untilStatus(stack.bed, cast.sellerTrader, trade.id, 'verifying');
    return trade.id;
  }

  async function decide(page: Page, decision: 'Approve' | 'Reject', reason: string): Promise<void> {
    await page.getByRole('button', { name: 'Verify transfer…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Verify the credit transfer' });
    await dialog.getByText(decision, { exact: true }).click();
    // The reason is mandatory: the confirmation step is not reached without one.
    await dialog.getByRole('button', { name: 'Review decision' }).click();
    await dialog.getByText('Reason is required').waitFor();
    await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await dialog.getByRole('button', { name: 'Review decision' }).click();
    await dialog.getByText(`Confirm: ${decision}`).waitFor();
    await dialog.getByRole('button', { name: `Confirm ${decision.toLowerCase()}` }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  beforeAll(async () => {
    stack = await startConsoleStack('browser_settlement');
    cast = await settlementCast(stack.bed);
    await stack.bed.api.app
      .get(CreateOperatorUseCase)
      .execute({ email: operatorEmail, password: VALID_PASSWORD, name: 'Olga Operator' });
  }, 120_000);
  afterAll(() => stack?.close());

  const consoleTest = consoleBrowser(() => stack.baseUrl);

  consoleTest(
    'approving a transfer in verifying releases the money: the page shows settled',
    async (page) => {
      const tradeId = await tradeToVerify('OAI-XFER-7001');
      await signIn(page, operatorEmail, VALID_PASSWORD);
      await page.waitForURL('**/admin/transfers');
      await page.getByRole('table', { name: 'Trades verifying' }).getByText(tradeId.slice(0, 8)).click();
      await page.waitForURL(`**/admin/transfers/${tradeId}`);
      await expect(page.getByTestId('transfer-reference').textContent()).resolves.toBe('OAI-XFER-7001');

      await decide(page, 'Approve', 'transfer visible in the buyer’s provider console');

      await page.getByTestId('trade-status').getByText('settled').waitFor({ timeout: 30_000 });
      const trade = await tradeOf(stack.bed, cast.buyerTrader, tradeId);
      expect(trade.status).toBe('settled');
      expect(trade.timeline).toContainEqual(
        expect.objectContaining({
          status: 'releasing',
          actor: 'operator',
          reason: 'transfer visible in the buyer’s provider console',
        }),
      );
      await expect(page.getByTestId('ledger').textContent()).resolves.toContain('payout');
    },
  );

  consoleTest('rejecting a transfer refunds the buyer: the page shows refunded', async (page) => {
    const tradeId = await tradeToVerify('OAI-XFER-7002');
    await signIn(page, operatorEmail, VALID_PASSWORD);
    await page.waitForURL('**/admin/transfers');
    await page.goto(`/admin/transfers/${tradeId}`);

    await decide(page, 'Reject', 'the provider shows no transfer under this reference');

    await page.getByTestId('trade-status').getByText('refunded').waitFor({ timeout: 30_000 });
    const trade = await tradeOf(stack.bed, cast.buyerTrader, tradeId);
    expect(trade.status).toBe('refunded');
    expect(trade.escrow).toMatchObject({ refundedMinor: 72_000, heldMinor: 0 });
  });

  consoleTest('a dispute resolved with a partial refund typed as dollars and cents', async (page) => {
    const tradeId = await tradeToVerify('OAI-XFER-7003');
    await stack.bed.api.http
      .post(`/v1/trades/${tradeId}/disputes`)
      .set(cast.buyerTrader)
      .send({ reason: 'Only part of the credit arrived' })
      .expect(201);
    await signIn(page, operatorEmail, VALID_PASSWORD);
    await page.waitForURL('**/admin/transfers');
    await navigate(page, 'Disputes');
    const row = page
      .getByRole('table', { name: 'Disputes' })
      .locator('tbody tr', { hasText: tradeId.slice(0, 8) });
    await row.getByRole('button', { name: 'Resolve…' }).click();

    const dialog = page.getByRole('dialog', { name: 'Resolve the dispute' });
    await dialog.getByText('Partial refund', { exact: true }).click();
    const amount = dialog.getByRole('textbox', { name: 'Refund to the buyer' });
    await amount.fill('250.555');
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('a third of the credit never arrived');
    await dialog.getByRole('button', { name: 'Review decision' }).click();
    await dialog.getByText('Use at most 2 decimal places').waitFor();
    await amount.fill('$250.50');
    await dialog.getByRole('button', { name: 'Review decision' }).click();
    await dialog.getByText('Amount: $250.50').waitFor();
    await dialog.getByRole('button', { name: 'Confirm partial refund' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('table', { name: 'Disputes' }).waitFor({ state: 'detached' });
    const trade = await untilStatus(stack.bed, cast.buyerTrader, tradeId, 'partially_refunded', 30_000);
    expect(trade.dispute).toMatchObject({
      status: 'resolved',
      outcome: 'partial_refund',
      refundMinor: 25_050,
    });
    expect(trade.escrow).toMatchObject({ refundedMinor: 25_050, heldMinor: 0 });
  });
});
