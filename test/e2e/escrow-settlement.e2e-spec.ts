import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { DataSource } from 'typeorm';
import {
  EscrowSettlement,
  LedgerService,
  PaymentAlreadySucceededError,
  PayoutsNotEnabledError,
  ReconcileEscrowUseCase,
  type SettlementMoneyTrade,
} from '@carryover/escrow';
import { verifyKyc } from '../factories/credits.factory';
import { registerFirm, signInOperator, type RegisteredFirm } from '../factories/identity.factory';
import { eventually, matchedTrade, startStripeTestbed, type StripeTestbed } from '../support/stripe-payments';

type Auth = { Authorization: string };

/**
 * Escrow's side of settlement against the Stripe emulator, driven by calling EscrowSettlement on funded
 * trades (the settlement domain drives the same calls from its state machine): release pays the seller
 * gross - fee, refunds return what was paid, faults are retried, reconciliation finds what the ledger
 * does not know.
 */
describe('escrow settlement: transfers, refunds, cancellation and reconciliation through Stripe', () => {
  let bed: StripeTestbed;
  let operator: { auth: Auth };
  let seller: RegisteredFirm;
  let buyer: RegisteredFirm;
  let sellerAccountId: string;

  beforeAll(async () => {
    bed = await startStripeTestbed();
    operator = await signInOperator(bed.api);
    seller = await registerFirm(bed.api.http);
    buyer = await registerFirm(bed.api.http);
    await verifyKyc(bed.api, operator.auth, seller.organizationId);
    await verifyKyc(bed.api, operator.auth, buyer.organizationId);
    const onboarding = await bed.api.http
      .post('/v1/organizations/me/payouts/onboarding')
      .set(seller.auth)
      .expect(200);
    await fetch(onboarding.body.url as string, { redirect: 'manual' });
    await eventually(
      async () => ((await escrow().sellerPayoutsEnabled(seller.organizationId)) ? true : undefined),
      'seller payouts enabled',
    );
    const [row] = (await db().query(
      `SELECT stripe_account_id FROM payout_accounts WHERE organization_id = $1`,
      [seller.organizationId],
    )) as Array<{ stripe_account_id: string }>;
    sellerAccountId = row!.stripe_account_id;
  });
  afterEach(async () => {
    await bed.emulator.control.webhooksIdle();
    await bed.emulator.control.clearFaults();
  });
  afterAll(() => bed?.close());

  const http = () => bed.api.http;
  const db = () => bed.api.app.get(DataSource);
  const escrow = () => bed.api.app.get(EscrowSettlement);
  const ledger = () => bed.api.app.get(LedgerService);

  /** A trade paid with pm_card_visa and funded by the webhook, as the settlement domain receives it. */
  const fundedTrade = async (parties = { seller, buyer }): Promise<SettlementMoneyTrade> => {
    const { id } = await matchedTrade(bed.api, {
      operator: operator.auth,
      seller: parties.seller.auth,
      buyer: parties.buyer.auth,
    });
    await http()
      .post(`/v1/trades/${id}/payment`)
      .set(parties.buyer.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ paymentMethodId: 'pm_card_visa' })
      .expect(200);
    const trade = await eventually(async () => {
      const body = (await http().get(`/v1/trades/${id}`).set(parties.buyer.auth).expect(200)).body;
      return body.status === 'funded' ? body : undefined;
    }, `trade ${id} funded`);
    return {
      id,
      currency: trade.currency,
      grossMinor: BigInt(trade.grossMinor),
      feeMinor: BigInt(trade.feeMinor),
      sellerProceedsMinor: BigInt(trade.sellerProceedsMinor),
      sellerOrganizationId: parties.seller.organizationId,
      buyerOrganizationId: parties.buyer.organizationId,
    };
  };
  const transfersAt = async (tradeId: string): Promise<Stripe.Transfer[]> =>
    (await bed.stripe.transfers.list({ transfer_group: tradeId, limit: 100 })).data;
  const refundsAt = async (tradeId: string): Promise<Stripe.Refund[]> => {
    const [intent] = (await bed.stripe.paymentIntents.list({ limit: 100 })).data.filter(
      (pi) => pi.metadata['tradeId'] === tradeId && pi.status === 'succeeded',
    );
    return (await bed.stripe.refunds.list({ payment_intent: intent!.id, limit: 100 })).data;
  };
  const journalSteps = async (tradeId: string): Promise<string[]> =>
    (
      (await db().query(`SELECT step FROM ledger_journals WHERE trade_id = $1 ORDER BY step`, [
        tradeId,
      ])) as Array<{
        step: string;
      }>
    ).map((r) => r.step);
  const inTransaction = <T>(work: (manager: import('typeorm').EntityManager) => Promise<T>) =>
    db().transaction(work);

  it('a release pays the seller exactly gross - fee, the platform keeps the fee, escrow ends at zero', async () => {
    const trade = await fundedTrade();
    expect(trade.sellerProceedsMinor).toBe(trade.grossMinor - trade.feeMinor);
    expect(trade.feeMinor).toBeGreaterThan(0n);
    const sellerBalanceBefore = await bed.stripe.balance.retrieve({}, { stripeAccount: sellerAccountId });

    const { transferId } = await escrow().transferProceeds(trade, trade.sellerProceedsMinor);
    await inTransaction((m) =>
      escrow().recordRelease(m, trade, {
        proceedsMinor: trade.sellerProceedsMinor,
        feeMinor: trade.feeMinor,
        transferId,
      }),
    );

    const [transfer, ...others] = await transfersAt(trade.id);
    expect(others).toEqual([]);
    expect(transfer).toMatchObject({
      id: transferId,
      amount: Number(trade.grossMinor - trade.feeMinor),
      currency: 'usd',
      destination: sellerAccountId,
      transfer_group: trade.id,
      metadata: { tradeId: trade.id, step: 'transfer' },
    });
    const sellerBalance = await bed.stripe.balance.retrieve({}, { stripeAccount: sellerAccountId });
    const usd = (b: Stripe.Balance) => b.available.find((a) => a.currency === 'usd')?.amount ?? 0;
    expect(usd(sellerBalance) - usd(sellerBalanceBefore)).toBe(Number(trade.sellerProceedsMinor));

    expect(await ledger().tradeBalances(trade.id)).toMatchObject({
      escrow_held: 0n,
      seller_payable: 0n,
      fee_revenue: trade.feeMinor,
      stripe_cash: trade.feeMinor,
    });
    expect((await ledger().balances()).balanced).toBe(true);

    // The transfer.created webhook confirms the step; replays move nothing and post nothing.
    await eventually(async () => {
      const state = await escrow().moneyState(trade.id);
      return state.transfer?.status === 'confirmed' ? state : undefined;
    }, 'transfer confirmed');
    expect(await escrow().transferProceeds(trade, trade.sellerProceedsMinor)).toEqual({ transferId });
    await inTransaction((m) =>
      escrow().recordRelease(m, trade, {
        proceedsMinor: trade.sellerProceedsMinor,
        feeMinor: trade.feeMinor,
        transferId,
      }),
    );
    expect(await transfersAt(trade.id)).toHaveLength(1);
    expect(await journalSteps(trade.id)).toEqual(['fund', 'payout', 'release']);
    expect(await escrow().moneyState(trade.id)).toMatchObject({
      currency: 'USD',
      paidMinor: trade.grossMinor,
      escrowHeldMinor: 0n,
      releasedMinor: trade.grossMinor,
      feeMinor: trade.feeMinor,
      sellerPayableMinor: 0n,
      paidOutMinor: trade.sellerProceedsMinor,
      refundedMinor: 0n,
      transfer: { transferId, status: 'confirmed', amountMinor: trade.sellerProceedsMinor },
      refunds: [],
    });

    // Another amount for the same step is refused, not transferred.
    await expect(escrow().transferProceeds(trade, trade.sellerProceedsMinor - 1n)).rejects.toMatchObject({
      code: 'transfer_amount_conflict',
    });
    await expect(
      inTransaction((m) =>
        escrow().recordRelease(m, trade, { proceedsMinor: 1n, feeMinor: 0n, transferId: null }),
      ),
    ).rejects.toMatchObject({ code: 'ledger_journal_conflict' });
  });

  it('a seller without enabled payouts is refused the transfer, and nothing moves', async () => {
    const unboarded = await registerFirm(http());
    await verifyKyc(bed.api, operator.auth, unboarded.organizationId);
    const trade = await fundedTrade({ seller: unboarded, buyer });
    expect(await escrow().sellerPayoutsEnabled(unboarded.organizationId)).toBe(false);

    const refused = escrow().transferProceeds(trade, trade.sellerProceedsMinor);
    await expect(refused).rejects.toBeInstanceOf(PayoutsNotEnabledError);
    await expect(refused).rejects.toMatchObject({ kind: 'conflict', code: 'seller_payouts_not_enabled' });
    expect(await transfersAt(trade.id)).toEqual([]);
    expect((await escrow().moneyState(trade.id)).transfer).toBeNull();
    expect(await ledger().escrowHeld(trade.id)).toBe(trade.grossMinor);
  });

  it('a full refund returns exactly what was paid', async () => {
    const trade = await fundedTrade();
    const { refundId } = await escrow().refundBuyer(trade, trade.grossMinor, 'refund');
    await inTransaction((m) => escrow().recordRefund(m, trade, trade.grossMinor, 'refund'));

    const [refund, ...others] = await refundsAt(trade.id);
    expect(others).toEqual([]);
    expect(refund).toMatchObject({
      id: refundId,
      amount: Number(trade.grossMinor),
      status: 'succeeded',
      metadata: { tradeId: trade.id, step: 'refund' },
    });
    const charge = await bed.stripe.charges.retrieve(refund!.charge as string);
    expect(charge).toMatchObject({ amount_refunded: Number(trade.grossMinor), refunded: true });
    expect(await ledger().tradeBalances(trade.id)).toMatchObject({ escrow_held: 0n, stripe_cash: 0n });

    await eventually(async () => {
      const state = await escrow().moneyState(trade.id);
      return state.refunds[0]?.status === 'confirmed' ? state : undefined;
    }, 'refund confirmed');
    expect(await escrow().refundBuyer(trade, trade.grossMinor, 'refund')).toEqual({ refundId });
    await inTransaction((m) => escrow().recordRefund(m, trade, trade.grossMinor, 'refund'));
    expect(await refundsAt(trade.id)).toHaveLength(1);
    expect(await escrow().moneyState(trade.id)).toMatchObject({
      paidMinor: trade.grossMinor,
      refundedMinor: trade.grossMinor,
      escrowHeldMinor: 0n,
      refunds: [{ step: 'refund', refundId, amountMinor: trade.grossMinor, status: 'confirmed' }],
    });
    await expect(escrow().refundBuyer(trade, 1n, 'refund:1')).rejects.toMatchObject({
      code: 'refund_exceeds_payment',
    });
  });

  it('partial refunds add up to exactly the payment, and one more is refused', async () => {
    const trade = await fundedTrade();
    const first = trade.grossMinor / 3n;
    const second = trade.grossMinor / 4n;
    const rest = trade.grossMinor - first - second;
    const parts: Array<[bigint, string]> = [
      [first, 'refund:1'],
      [second, 'refund:2'],
      [rest, 'refund:3'],
    ];
    for (const [amount, step] of parts) {
      await escrow().refundBuyer(trade, amount, step);
      await inTransaction((m) => escrow().recordRefund(m, trade, amount, step));
    }
    const refunds = await refundsAt(trade.id);
    expect(refunds.map((r) => r.amount).sort((a, b) => a - b)).toEqual(
      [first, second, rest].map(Number).sort((a, b) => a - b),
    );
    expect(refunds.reduce((sum, r) => sum + r.amount, 0)).toBe(Number(trade.grossMinor));
    expect((await escrow().moneyState(trade.id)).refundedMinor).toBe(trade.grossMinor);
    expect(await ledger().escrowHeld(trade.id)).toBe(0n);

    await expect(escrow().refundBuyer(trade, 1n, 'refund:4')).rejects.toMatchObject({
      code: 'refund_exceeds_payment',
    });
    await expect(escrow().refundBuyer(trade, first + 1n, 'refund:1')).rejects.toMatchObject({
      code: 'refund_amount_conflict',
    });
    expect(await refundsAt(trade.id)).toHaveLength(3);
    expect((await ledger().balances()).balanced).toBe(true);
  });

  it('a partial refund then a release of the remainder: refunds, proceeds and fee add up to the payment', async () => {
    const trade = await fundedTrade();
    const refunded = 12_000n;
    const remainder = trade.grossMinor - refunded;
    const fee = (remainder * 5n) / 100n;
    await escrow().refundBuyer(trade, refunded, 'refund:1');
    await inTransaction((m) => escrow().recordRefund(m, trade, refunded, 'refund:1'));
    const { transferId } = await escrow().transferProceeds(trade, remainder - fee);
    await inTransaction((m) =>
      escrow().recordRelease(m, trade, { proceedsMinor: remainder - fee, feeMinor: fee, transferId }),
    );
    const [transfer] = await transfersAt(trade.id);
    const [refund] = await refundsAt(trade.id);
    expect(BigInt(transfer!.amount) + BigInt(refund!.amount) + fee).toBe(trade.grossMinor);
    expect(await ledger().tradeBalances(trade.id)).toMatchObject({
      escrow_held: 0n,
      seller_payable: 0n,
      fee_revenue: fee,
    });
  });

  it('500s and 429s from Stripe are retried and end with exactly one transfer and one refund', async () => {
    const released = await fundedTrade();
    // The transfer is made but its answer lost twice: the SDK's retries get the stored result back.
    await bed.emulator.control.failNext(2, { method: 'POST', path: '/v1/transfers', phase: 'after' });
    const { transferId } = await escrow().transferProceeds(released, released.sellerProceedsMinor);
    expect((await bed.emulator.control.faults()).rules).toEqual([]);
    expect((await transfersAt(released.id)).map((t) => t.id)).toEqual([transferId]);

    // Plain 429s (no Stripe-Should-Retry): the SDK hands them back, the gateway's backoff retries them.
    const limited = await fundedTrade();
    await bed.emulator.control.rateLimitNext(3, { method: 'POST', path: '/v1/transfers' });
    const second = await escrow().transferProceeds(limited, limited.sellerProceedsMinor);
    expect((await bed.emulator.control.faults()).rules).toEqual([]);
    expect((await transfersAt(limited.id)).map((t) => t.id)).toEqual([second.transferId]);

    const refunded = await fundedTrade();
    await bed.emulator.control.failNext(3, { method: 'POST', path: '/v1/refunds' });
    await bed.emulator.control.rateLimitNext(2, { method: 'POST', path: '/v1/refunds' });
    const { refundId } = await escrow().refundBuyer(refunded, refunded.grossMinor, 'refund');
    expect((await bed.emulator.control.faults()).rules).toEqual([]);
    expect((await refundsAt(refunded.id)).map((r) => r.id)).toEqual([refundId]);
  });

  it('a lost answer is found again: the retry records the transfer Stripe already made', async () => {
    const trade = await fundedTrade();
    // More failures than the SDK retries: the call fails, though Stripe made the transfer.
    await bed.emulator.control.failNext(10, { method: 'POST', path: '/v1/transfers', phase: 'after' });
    await expect(escrow().transferProceeds(trade, trade.sellerProceedsMinor)).rejects.toMatchObject({
      code: 'payment_provider_unavailable',
    });
    await bed.emulator.control.clearFaults();
    const [made] = await transfersAt(trade.id);
    // Recorded as asked for, or already confirmed by the transfer.created webhook.
    expect(['pending', 'confirmed']).toContain((await escrow().moneyState(trade.id)).transfer?.status);

    const { transferId } = await escrow().transferProceeds(trade, trade.sellerProceedsMinor);
    expect(transferId).toBe(made!.id);
    expect(await transfersAt(trade.id)).toHaveLength(1);
  });

  it('a refusal from Stripe (a 4xx) is refund_rejected, recorded on the step, and moves nothing', async () => {
    const trade = await fundedTrade();
    // A refund made behind Carryover's back: its own check passes, Stripe's (amount_too_large) does not.
    await bed.stripe.refunds.create({ payment_intent: (await refundsIntent(trade.id)).id, amount: 1_000 });
    await expect(escrow().refundBuyer(trade, trade.grossMinor, 'refund')).rejects.toMatchObject({
      code: 'refund_rejected',
    });
    expect(await refundsAt(trade.id)).toHaveLength(1);
    expect((await escrow().moneyState(trade.id)).refunds).toEqual([
      expect.objectContaining({
        step: 'refund',
        refundId: null,
        status: 'pending',
        lastError: expect.objectContaining({ code: 'refund_rejected' }),
      }),
    ]);
    expect(await ledger().escrowHeld(trade.id)).toBe(trade.grossMinor);
  });

  const refundsIntent = async (tradeId: string): Promise<Stripe.PaymentIntent> => {
    const [intent] = (await bed.stripe.paymentIntents.list({ limit: 100 })).data.filter(
      (pi) => pi.metadata['tradeId'] === tradeId && pi.status === 'succeeded',
    );
    return intent!;
  };

  it('cancels an open payment once, and refuses to cancel one that succeeded', async () => {
    const { id } = await matchedTrade(bed.api, {
      operator: operator.auth,
      seller: seller.auth,
      buyer: buyer.auth,
    });
    await http()
      .post(`/v1/trades/${id}/payment`)
      .set(buyer.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ paymentMethodId: 'pm_card_chargeDeclined' })
      .expect(200);
    await escrow().cancelPayment(id);
    await escrow().cancelPayment(id);
    const intents = (await bed.stripe.paymentIntents.list({ limit: 100 })).data.filter(
      (pi) => pi.metadata['tradeId'] === id,
    );
    expect(intents.map((pi) => pi.status)).toEqual(['canceled']);
    expect((await http().get(`/v1/trades/${id}`).set(buyer.auth).expect(200)).body.payment.status).toBe(
      'canceled',
    );

    // An intent cancelled at Stripe itself is recorded from its payment_intent.canceled webhook.
    const elsewhere = await matchedTrade(bed.api, {
      operator: operator.auth,
      seller: seller.auth,
      buyer: buyer.auth,
    });
    const declined = await http()
      .post(`/v1/trades/${elsewhere.id}/payment`)
      .set(buyer.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ paymentMethodId: 'pm_card_chargeDeclined' })
      .expect(200);
    await bed.stripe.paymentIntents.cancel(declined.body.paymentIntentId as string);
    await eventually(async () => {
      const body = (await http().get(`/v1/trades/${elsewhere.id}`).set(buyer.auth).expect(200)).body;
      return body.payment.status === 'canceled' ? true : undefined;
    }, 'payment canceled by its webhook');

    const paid = await fundedTrade();
    await expect(escrow().cancelPayment(paid.id)).rejects.toBeInstanceOf(PaymentAlreadySucceededError);
    await escrow().cancelPayment(randomUUID()); // no payment at all: nothing to do
  });

  it('refund and transfer webhooks delivered twice are stored once and confirm their steps once', async () => {
    const trade = await fundedTrade();
    await bed.emulator.control.duplicateNextWebhooks(20);
    const half = trade.grossMinor / 2n;
    await escrow().refundBuyer(trade, half, 'refund:1');
    await inTransaction((m) => escrow().recordRefund(m, trade, half, 'refund:1'));
    const { transferId } = await escrow().transferProceeds(trade, half - 100n);
    await bed.emulator.control.webhooksIdle();

    const events = (await bed.stripe.events.list({ limit: 100 })).data.filter((e) => {
      const object = e.data.object as { metadata?: Record<string, string> };
      return object.metadata?.['tradeId'] === trade.id && /^(refund|transfer)\./.test(e.type);
    });
    expect(events.map((e) => e.type).sort()).toEqual(['refund.created', 'transfer.created']);
    const deliveries = await bed.emulator.control.webhookDeliveries();
    for (const event of events) {
      const delivered = deliveries.filter((d) => d.eventId === event.id && d.outcome === 'delivered');
      expect(delivered.length).toBeGreaterThanOrEqual(2);
      const [stored] = (await db().query(
        `SELECT count(*)::int AS n, bool_and(processed_at IS NOT NULL) AS processed FROM stripe_events WHERE id = $1`,
        [event.id],
      )) as Array<{ n: number; processed: boolean }>;
      expect(stored).toEqual({ n: 1, processed: true });
    }
    expect(await escrow().moneyState(trade.id)).toMatchObject({
      refundedMinor: half,
      transfer: { transferId, status: 'confirmed' },
      refunds: [{ step: 'refund:1', status: 'confirmed' }],
    });
  });

  it('the database rejects a journal on a trade that does not sum to zero', async () => {
    const trade = await fundedTrade();
    const failed = await inTransaction(async (m) => {
      const [journal] = (await m.query(
        `INSERT INTO ledger_journals (trade_id, step, currency, description)
         VALUES ($1, 'adjustment', 'USD', 'unbalanced e2e journal') RETURNING id`,
        [trade.id],
      )) as Array<{ id: string }>;
      await m.query(
        `INSERT INTO ledger_entries (journal_id, account_code, amount_minor) VALUES ($1, 'stripe_cash', 100), ($1, 'fee_revenue', -99)`,
        [journal!.id],
      );
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failed).toMatchObject({ code: '23514', constraint: 'ledger_journals_zero_sum' });
    expect(await journalSteps(trade.id)).toEqual(['fund']);
  });

  describe('reconciliation', () => {
    const differences = (query: string) =>
      http().get(`/v1/admin/reconciliation/differences?${query}`).set(operator.auth);

    it('finds a refund made directly at Stripe, keeps one open difference, and resolves it once the ledger agrees', async () => {
      const trade = await fundedTrade();
      const reconcile = bed.api.app.get(ReconcileEscrowUseCase);
      expect(await reconcile.execute({ tradeId: trade.id })).toMatchObject({
        tradesChecked: 1,
        differencesOpened: 0,
      });
      await bed.stripe.refunds.create({ payment_intent: (await refundsIntent(trade.id)).id, amount: 500 });

      const run = await http()
        .post('/v1/admin/reconciliation/runs')
        .set(operator.auth)
        .send({ tradeId: trade.id })
        .expect(200);
      expect(run.body).toMatchObject({ tradesChecked: 1, tradesFailed: 0, differencesOpened: 1 });
      const found = await differences(`tradeId=${trade.id}`).expect(200);
      expect(found.body).toEqual({
        data: [
          expect.objectContaining({
            tradeId: trade.id,
            kind: 'refund',
            currency: 'USD',
            ledgerAmountMinor: 0,
            providerAmountMinor: 500,
            differenceMinor: 500,
            resolvedAt: null,
          }),
        ],
        nextCursor: null,
      });

      // Seen again: still the one open difference.
      expect(await reconcile.execute({ tradeId: trade.id })).toMatchObject({ differencesOpened: 0 });
      expect((await differences(`tradeId=${trade.id}&status=all`).expect(200)).body.data).toHaveLength(1);

      // An operator books the refund; the next run closes the difference.
      await inTransaction((m) => ledger().refundTrade(m, trade, 500n, 'refund:9'));
      expect(await reconcile.execute({ tradeId: trade.id })).toMatchObject({ differencesResolved: 1 });
      expect((await differences(`tradeId=${trade.id}`).expect(200)).body.data).toEqual([]);
      const resolved = await differences(`tradeId=${trade.id}&status=resolved`).expect(200);
      expect(resolved.body.data[0]).toMatchObject({ kind: 'refund', resolvedAt: expect.any(String) });
    });

    it('finds a transfer reversed at Stripe and a payment the ledger never heard of', async () => {
      const trade = await fundedTrade();
      const { transferId } = await escrow().transferProceeds(trade, trade.sellerProceedsMinor);
      await inTransaction((m) =>
        escrow().recordRelease(m, trade, {
          proceedsMinor: trade.sellerProceedsMinor,
          feeMinor: trade.feeMinor,
          transferId,
        }),
      );
      await bed.stripe.transfers.createReversal(transferId, { amount: 400 });
      await bed.api.app.get(ReconcileEscrowUseCase).execute({ tradeId: trade.id });
      const { body } = await differences(`tradeId=${trade.id}`).expect(200);
      expect(body.data).toEqual([
        expect.objectContaining({
          kind: 'payout',
          ledgerAmountMinor: Number(trade.sellerProceedsMinor),
          providerAmountMinor: Number(trade.sellerProceedsMinor) - 400,
        }),
      ]);
    });

    it('pages differences with limit and cursor, validates the query, and is for operators only', async () => {
      const [a, b] = [await fundedTrade(), await fundedTrade()];
      for (const trade of [a, b]) {
        await bed.stripe.refunds.create({ payment_intent: (await refundsIntent(trade.id)).id, amount: 100 });
        await http()
          .post('/v1/admin/reconciliation/runs')
          .set(operator.auth)
          .send({ tradeId: trade.id })
          .expect(200);
      }
      // Page through every open difference one at a time: each once, newest first, both trades among them.
      const seen: Array<{ id: string; tradeId: string; detectedAt: string }> = [];
      let cursor: string | null = null;
      do {
        const page: { data: typeof seen; nextCursor: string | null } = (
          await differences(`limit=1${cursor ? `&cursor=${cursor}` : ''}`).expect(200)
        ).body;
        expect(page.data.length).toBeLessThanOrEqual(1);
        seen.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor !== null && seen.length < 100);
      expect(new Set(seen.map((d) => d.id)).size).toBe(seen.length);
      expect(seen.map((d) => d.tradeId)).toEqual(expect.arrayContaining([a.id, b.id]));
      const times = seen.map((d) => d.detectedAt);
      expect([...times].sort().reverse()).toEqual(times);

      const bad = await differences('limit=0&status=closed&tradeId=nope').expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'limit',
        'status',
        'tradeId',
      ]);
      expect((await differences('cursor=bm9wZQ').expect(400)).body.errors[0].field).toBe('cursor');
      const badRun = await http()
        .post('/v1/admin/reconciliation/runs')
        .set(operator.auth)
        .send({ quietSeconds: -1, extra: true })
        .expect(400);
      expect(badRun.body.code).toBe('validation_failed');

      const doc = await http().get('/docs-json').expect(200);
      expect(
        doc.body.paths['/v1/admin/reconciliation/differences'].get.parameters.map(
          (p: { name: string }) => p.name,
        ),
      ).toEqual(expect.arrayContaining(['limit', 'cursor', 'status', 'tradeId']));
      expect(doc.body.paths['/v1/admin/reconciliation/runs'].post.responses).toHaveProperty(['200']);
      expect(doc.body.components.schemas.ReconciliationDifferenceResponse.properties).toHaveProperty(
        'differenceMinor',
      );

      await http().get('/v1/admin/reconciliation/differences').set(seller.auth).expect(403);
      await http().post('/v1/admin/reconciliation/runs').set(buyer.auth).send({}).expect(403);
      await http().get('/v1/admin/reconciliation/differences').expect(401);
    });
  });
});
