import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { LedgerService } from '@carryover/escrow';
import { verifyKyc } from '../factories/credits.factory';
import { registerFirm, signInOperator, type RegisteredFirm } from '../factories/identity.factory';
import { eventually, matchedTrade, startStripeTestbed, type StripeTestbed } from '../support/stripe-payments';

type Auth = { Authorization: string };

describe('escrow payments: pay a trade through Stripe, funded by the webhook', () => {
  let bed: StripeTestbed;
  let operator: { auth: Auth };
  let seller: RegisteredFirm;
  let buyer: RegisteredFirm;

  beforeAll(async () => {
    bed = await startStripeTestbed();
    operator = await signInOperator(bed.api);
    seller = await registerFirm(bed.api.http);
    buyer = await registerFirm(bed.api.http);
    await verifyKyc(bed.api, operator.auth, seller.organizationId);
    await verifyKyc(bed.api, operator.auth, buyer.organizationId);
  });
  afterEach(async () => {
    await bed.emulator.control.webhooksIdle();
    await bed.emulator.control.clearFaults();
  });
  afterAll(() => bed?.close());

  const http = () => bed.api.http;
  const db = () => bed.api.app.get(DataSource);
  const newTrade = () =>
    matchedTrade(bed.api, { operator: operator.auth, seller: seller.auth, buyer: buyer.auth });
  const pay = (tradeId: string, paymentMethodId: string, key: string = randomUUID()) =>
    http()
      .post(`/v1/trades/${tradeId}/payment`)
      .set(buyer.auth)
      .set('Idempotency-Key', key)
      .send({ paymentMethodId });
  const tradeOf = async (tradeId: string) =>
    (await http().get(`/v1/trades/${tradeId}`).set(buyer.auth).expect(200)).body;
  const untilFunded = (tradeId: string) =>
    eventually(async () => {
      const trade = await tradeOf(tradeId);
      return trade.status === 'funded' ? trade : undefined;
    }, `trade ${tradeId} funded`);
  const count = async (sql: string, params: unknown[]): Promise<number> =>
    Number(((await db().query(sql, params)) as Array<{ n: string }>)[0]?.n);
  const fundJournals = (tradeId: string) =>
    count(`SELECT count(*) AS n FROM ledger_journals WHERE trade_id = $1 AND step = 'fund'`, [tradeId]);
  const fundedRows = (tradeId: string) =>
    count(`SELECT count(*) AS n FROM trade_events WHERE trade_id = $1 AND status = 'funded'`, [tradeId]);
  const intentsFor = async (tradeId: string): Promise<Stripe.PaymentIntent[]> =>
    (await bed.stripe.paymentIntents.list({ limit: 100 })).data.filter(
      (pi) => pi.metadata['tradeId'] === tradeId,
    );

  it('pm_card_visa: the webhook funds the trade, escrow holds the gross and the ledger balances', async () => {
    const trade = await newTrade();
    const paid = await pay(trade.id, 'pm_card_visa').expect(200);
    expect(paid.body).toMatchObject({ paymentIntentId: expect.stringMatching(/^pi_/), lastError: null });
    expect(['processing', 'succeeded']).toContain(paid.body.status);
    expect(paid.body.clientSecret).toMatch(new RegExp(`^${paid.body.paymentIntentId}_secret_`));

    const funded = await untilFunded(trade.id);
    expect(funded.payment).toMatchObject({ status: 'succeeded', paymentIntentId: paid.body.paymentIntentId });
    expect(funded.timeline.map((e: { status: string }) => e.status)).toContain('funded');
    expect(await bed.api.app.get(LedgerService).escrowHeld(trade.id)).toBe(BigInt(trade.grossMinor));
    const balances = await http().get('/v1/admin/ledger/balances').set(operator.auth).expect(200);
    expect(balances.body.balanced).toBe(true);
    const [intent] = await intentsFor(trade.id);
    expect(intent).toMatchObject({ amount: trade.grossMinor, currency: 'usd', transfer_group: trade.id });

    // Paying a funded trade is a state conflict, not a second charge.
    const again = await pay(trade.id, 'pm_card_visa').expect(409);
    expect(again.body.code).toBe('invalid_transition');
    expect(await intentsFor(trade.id)).toHaveLength(1);
  });

  it('a decline keeps the trade awaiting payment with the reason; the buyer then pays with another card', async () => {
    const trade = await newTrade();
    const declined = await pay(trade.id, 'pm_card_chargeDeclined').expect(200);
    expect(declined.body).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: { code: 'generic_decline' },
    });
    await bed.emulator.control.webhooksIdle();
    const detail = await tradeOf(trade.id);
    expect(detail.status).toBe('awaiting_payment');
    expect(detail.payment).toMatchObject({ status: 'failed', lastError: { code: 'generic_decline' } });
    expect(detail.payment.lastError.message).toMatch(/declined/i);

    await pay(trade.id, 'pm_card_visa').expect(200);
    expect((await untilFunded(trade.id)).payment).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(await intentsFor(trade.id)).toHaveLength(2);
    expect(await fundJournals(trade.id)).toBe(1);
  });

  it('the same request retried with its Idempotency-Key replays the answer and creates no second intent', async () => {
    const trade = await newTrade();
    const key = randomUUID();
    const first = await pay(trade.id, 'pm_card_chargeDeclined', key).expect(200);
    const retry = await pay(trade.id, 'pm_card_chargeDeclined', key).expect(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await intentsFor(trade.id)).toHaveLength(1);
  });

  it('a webhook delivered twice changes nothing the second time', async () => {
    const trade = await newTrade();
    await bed.emulator.control.duplicateNextWebhooks(10);
    const paid = await pay(trade.id, 'pm_card_visa').expect(200);
    await untilFunded(trade.id);
    await bed.emulator.control.webhooksIdle();

    const deliveries = (await bed.emulator.control.webhookDeliveries()).filter(
      (d) => d.type === 'payment_intent.succeeded' && d.outcome === 'delivered',
    );
    const events = await bed.stripe.events.list({ type: 'payment_intent.succeeded', limit: 100 });
    const eventId = events.data.find(
      (e) => (e.data.object as Stripe.PaymentIntent).id === paid.body.paymentIntentId,
    )?.id;
    expect(deliveries.filter((d) => d.eventId === eventId).length).toBeGreaterThanOrEqual(2);
    expect(await fundJournals(trade.id)).toBe(1);
    expect(await fundedRows(trade.id)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM stripe_events WHERE id = $1`, [eventId])).toBe(1);
    expect(await bed.api.app.get(LedgerService).escrowHeld(trade.id)).toBe(BigInt(trade.grossMinor));
  });

  it('a bad signature is 400 problem+json and changes nothing', async () => {
    const trade = await newTrade();
    const payload = JSON.stringify({
      id: `evt_forged_${randomUUID().slice(0, 8)}`,
      object: 'event',
      type: 'payment_intent.succeeded',
      data: {
        object: {
          id: 'pi_forged',
          object: 'payment_intent',
          status: 'succeeded',
          amount: trade.grossMinor,
          currency: 'usd',
          metadata: { tradeId: trade.id },
        },
      },
    });
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_not_the_secret' });
    const response = await http()
      .post('/v1/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', header)
      .send(payload)
      .expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('invalid_signature');
    await http()
      .post('/v1/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .send(payload)
      .expect(400);

    expect((await tradeOf(trade.id)).status).toBe('awaiting_payment');
    expect(await fundJournals(trade.id)).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM stripe_events WHERE payload->'data'->'object'->>'id' = 'pi_forged'`,
        [],
      ),
    ).toBe(0);
  });

  it('an unknown event is acknowledged and ignored', async () => {
    const payload = JSON.stringify({
      id: `evt_${randomUUID().slice(0, 8)}`,
      object: 'event',
      type: 'customer.created',
      data: { object: { id: 'cus_1', object: 'customer' } },
    });
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: bed.emulator.webhookSecret });
    await http()
      .post('/v1/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', header)
      .send(payload)
      .expect(200);
    await http()
      .post('/v1/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', header)
      .send(payload)
      .expect(200);
  });

  it('500s and retryable 429s from Stripe are retried and end with one payment intent', async () => {
    const failing = await newTrade();
    await bed.emulator.control.failNext(2, { method: 'POST', path: '/v1/payment_intents', phase: 'after' });
    await pay(failing.id, 'pm_card_visa').expect(200);
    expect((await bed.emulator.control.faults()).rules).toEqual([]); // both 500s were met and retried
    await untilFunded(failing.id);
    expect(await intentsFor(failing.id)).toHaveLength(1);

    const limited = await newTrade();
    await bed.emulator.control.rateLimitNext(2, {
      method: 'POST',
      path: '/v1/payment_intents',
      reason: 'lock_timeout',
    });
    await pay(limited.id, 'pm_card_visa').expect(200);
    expect((await bed.emulator.control.faults()).rules).toEqual([]);
    await untilFunded(limited.id);
    expect(await intentsFor(limited.id)).toHaveLength(1);
    expect(await fundJournals(limited.id)).toBe(1);
  });

  it('a third firm cannot pay (404); the seller may not (403); nothing is charged', async () => {
    const trade = await newTrade();
    const stranger = await registerFirm(http());
    const body = { paymentMethodId: 'pm_card_visa' };
    const notFound = await http()
      .post(`/v1/trades/${trade.id}/payment`)
      .set(stranger.auth)
      .send(body)
      .expect(404);
    expect(notFound.body.code).toBe('not_found');
    const forbidden = await http()
      .post(`/v1/trades/${trade.id}/payment`)
      .set(seller.auth)
      .send(body)
      .expect(403);
    expect(forbidden.body.code).toBe('not_trade_buyer');
    expect(await intentsFor(trade.id)).toHaveLength(0);
    expect((await tradeOf(trade.id)).payment).toMatchObject({
      status: 'requires_payment',
      paymentIntentId: null,
    });
  });
});
