import Stripe from 'stripe';
import {
  httpControl,
  spawnStripeEmulator,
  startStripeEmulator,
  type StripeEmulator,
  type StripeEmulatorControl,
} from '../../apps/stripe-emulator/src';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../apps/stripe-emulator/src/testing/webhook-receiver';

/** The emulator as the project uses it: the real stripe SDK pointed at it, webhooks verified by the SDK. */
describe('Stripe emulator', () => {
  let emulator: StripeEmulator;
  let receiver: WebhookReceiver;
  let stripe: Stripe;
  let control: StripeEmulatorControl;

  const client = (config: Stripe.StripeConfig = {}): Stripe =>
    new Stripe(emulator.secretKey, {
      host: emulator.host,
      port: emulator.port,
      protocol: 'http',
      maxNetworkRetries: 0,
      ...config,
    });

  const pay = (amount: number, extra: Partial<Stripe.PaymentIntentCreateParams> = {}) =>
    stripe.paymentIntents.create({
      amount,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      allowed_payment_method_types: ['card'],
      confirm: true,
      ...extra,
    });

  const onboardedAccount = async (): Promise<Stripe.Account> => {
    const account = await stripe.accounts.create({
      type: 'express',
      capabilities: { transfers: { requested: true } },
    });
    const link = await stripe.accountLinks.create({
      account: account.id,
      type: 'account_onboarding',
      refresh_url: 'https://carryover.test/onboarding/refresh',
      return_url: 'https://carryover.test/onboarding/done',
    });
    await fetch(link.url, { redirect: 'manual' });
    return stripe.accounts.retrieve(account.id);
  };

  const failure = (promise: Promise<unknown>): Promise<Stripe.errors.StripeError> =>
    promise.then(
      () => {
        throw new Error('expected the Stripe call to fail');
      },
      (error: unknown) => {
        if (error instanceof Stripe.errors.StripeError) return error;
        throw error;
      },
    );

  const onlyEvents = (...types: string[]) =>
    control.setWebhookEndpoint({ url: receiver.url, enabledEvents: types });

  beforeAll(async () => {
    emulator = await startStripeEmulator({
      webhookRetry: { initialDelayMs: 20, maxDelayMs: 200, maxAttempts: 5, timeoutMs: 2_000 },
    });
    receiver = await startWebhookReceiver(emulator.webhookSecret);
    stripe = client();
    control = emulator.control;
  });

  beforeEach(async () => {
    await control.setWebhookEndpoint({ url: receiver.url });
  });

  afterEach(async () => {
    await control.webhooksIdle();
    await control.reset();
    receiver.clear();
  });

  afterAll(async () => {
    await emulator?.stop();
    await receiver?.stop();
  });

  describe('payments', () => {
    it('captures a pm_card_visa payment and sends a verified payment_intent.succeeded webhook', async () => {
      const intent = await pay(12_500, { transfer_group: 'trade_1', metadata: { trade_id: 'trade_1' } });

      expect(intent).toMatchObject({
        object: 'payment_intent',
        status: 'succeeded',
        amount: 12_500,
        amount_received: 12_500,
        currency: 'usd',
        transfer_group: 'trade_1',
        metadata: { trade_id: 'trade_1' },
        livemode: false,
        last_payment_error: null,
      });
      expect(intent.id).toMatch(/^pi_/);
      expect(intent.latest_charge).toMatch(/^ch_/);
      expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
      const [event] = await receiver.waitFor(
        (e) =>
          e.type === 'payment_intent.succeeded' && (e.data.object as Stripe.PaymentIntent).id === intent.id,
      );
      expect(event.id).toMatch(/^evt_/);
      expect(event.api_version).toBe(Stripe.API_VERSION);
      expect(event.request?.idempotency_key).toBeTruthy();
      expect((await stripe.events.retrieve(event.id)).type).toBe('payment_intent.succeeded');
      expect(receiver.rejected).toEqual([]);
    });

    it('confirms a created PaymentIntent later, retrieves it, and cancels an unpaid one', async () => {
      const created = await stripe.paymentIntents.create({ amount: 5_000, currency: 'USD' });
      expect(created).toMatchObject({
        status: 'requires_payment_method',
        currency: 'usd',
        latest_charge: null,
      });

      const confirmed = await stripe.paymentIntents.confirm(created.id, { payment_method: 'pm_card_visa' });
      expect(confirmed.status).toBe('succeeded');
      const expanded = await stripe.paymentIntents.retrieve(created.id, { expand: ['latest_charge'] });
      expect(expanded.latest_charge).toMatchObject({
        object: 'charge',
        status: 'succeeded',
        amount_captured: 5_000,
      });

      const unpaid = await stripe.paymentIntents.create({ amount: 900, currency: 'usd' });
      const canceled = await stripe.paymentIntents.cancel(unpaid.id, { cancellation_reason: 'abandoned' });
      expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
      await receiver.waitFor(
        (e) =>
          e.type === 'payment_intent.canceled' && (e.data.object as Stripe.PaymentIntent).id === unpaid.id,
      );
      const tooLate = await failure(stripe.paymentIntents.cancel(created.id));
      expect(tooLate).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    });

    it('declines pm_card_chargeDeclined with a StripeCardError and a payment_failed webhook', async () => {
      const error = await failure(pay(3_000, { payment_method: 'pm_card_chargeDeclined' }));

      expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(error).toMatchObject({
        statusCode: 402,
        code: 'card_declined',
        decline_code: 'generic_decline',
      });
      const intent = error.payment_intent as Stripe.PaymentIntent;
      expect(intent.status).toBe('requires_payment_method');
      const [event] = await receiver.waitFor((e) => e.type === 'payment_intent.payment_failed');
      const failed = event.data.object as Stripe.PaymentIntent;
      expect(failed.id).toBe(intent.id);
      expect(failed.last_payment_error).toMatchObject({
        code: 'card_declined',
        decline_code: 'generic_decline',
      });
      expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_payment_method');
    });

    it('answers Stripe error shapes for bad keys, unknown objects and bad parameters', async () => {
      const wrongKey = new Stripe('sk_test_not_the_key', {
        host: emulator.host,
        port: emulator.port,
        protocol: 'http',
      });
      expect(await failure(wrongKey.balance.retrieve())).toBeInstanceOf(
        Stripe.errors.StripeAuthenticationError,
      );
      const anonymous = await fetch(`${emulator.url}/v1/balance`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
      const basic = Buffer.from(`${emulator.secretKey}:`).toString('base64');
      const withBasicAuth = await fetch(`${emulator.url}/v1/balance`, {
        headers: { Authorization: `Basic ${basic}` },
      });
      expect(withBasicAuth.status).toBe(200);
      const unknownUrl = await fetch(`${emulator.url}/v1/customers`, {
        headers: { Authorization: `Bearer ${emulator.secretKey}` },
      });
      expect(unknownUrl.status).toBe(404);
      expect(await unknownUrl.json()).toMatchObject({
        error: { message: expect.stringContaining('Unrecognized') },
      });

      expect(await failure(stripe.paymentIntents.retrieve('pi_missing'))).toMatchObject({
        statusCode: 404,
        code: 'resource_missing',
        type: 'StripeInvalidRequestError',
      });
      const unknown = {
        amount: 1_000,
        currency: 'usd',
        bogus: 'x',
      } as unknown as Stripe.PaymentIntentCreateParams;
      expect(await failure(stripe.paymentIntents.create(unknown))).toMatchObject({
        statusCode: 400,
        code: 'parameter_unknown',
        param: 'bogus',
      });
      const missing = { amount: 1_000 } as Stripe.PaymentIntentCreateParams;
      expect(await failure(stripe.paymentIntents.create(missing))).toMatchObject({
        code: 'parameter_missing',
        param: 'currency',
      });
      expect(await failure(pay(10))).toMatchObject({ code: 'amount_too_small', param: 'amount' });
    });
  });

  describe('idempotency', () => {
    it('replays the first answer for the same key and parameters', async () => {
      const params: Stripe.PaymentIntentCreateParams = {
        amount: 4_200,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        confirm: true,
      };

      const original = await stripe.paymentIntents.create(params, { idempotencyKey: 'trade_7:charge' });
      const replay = await stripe.paymentIntents.create(params, { idempotencyKey: 'trade_7:charge' });

      expect(replay.id).toBe(original.id);
      expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');
      expect(original.lastResponse.headers['idempotent-replayed']).toBeUndefined();
      const succeeded = await stripe.events.list({ type: 'payment_intent.succeeded' });
      expect(
        succeeded.data.filter((e) => (e.data.object as Stripe.PaymentIntent).id === original.id),
      ).toHaveLength(1);
    });

    it('replays a decline too, and refuses the key for other parameters', async () => {
      const declined = {
        amount: 700,
        currency: 'usd',
        payment_method: 'pm_card_chargeDeclined',
        confirm: true,
      };
      const first = await failure(stripe.paymentIntents.create(declined, { idempotencyKey: 'k-decline' }));
      const again = await failure(stripe.paymentIntents.create(declined, { idempotencyKey: 'k-decline' }));
      expect(again).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect((again.payment_intent as Stripe.PaymentIntent).id).toBe(
        (first.payment_intent as Stripe.PaymentIntent).id,
      );

      const reused = await failure(
        stripe.paymentIntents.create({ ...declined, amount: 701 }, { idempotencyKey: 'k-decline' }),
      );
      expect(reused).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
      expect(reused).toMatchObject({ statusCode: 400, rawType: 'idempotency_error' });
    });
  });

  describe('refunds', () => {
    it('refunds a payment in parts up to the captured amount and rejects more', async () => {
      const intent = await pay(3_000);

      const first = await stripe.refunds.create({ payment_intent: intent.id, amount: 1_000 });
      const second = await stripe.refunds.create({ payment_intent: intent.id, amount: 1_500 });
      const over = await failure(stripe.refunds.create({ payment_intent: intent.id, amount: 501 }));
      const rest = await stripe.refunds.create({ payment_intent: intent.id });

      expect(first).toMatchObject({
        object: 'refund',
        status: 'succeeded',
        amount: 1_000,
        payment_intent: intent.id,
      });
      expect(first.id).toMatch(/^re_/);
      expect(second.amount).toBe(1_500);
      expect(over).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount' });
      expect(rest.amount).toBe(500);
      const charge = await stripe.charges.retrieve(intent.latest_charge as string);
      expect(charge).toMatchObject({ amount_refunded: 3_000, refunded: true });
      expect(await failure(stripe.refunds.create({ payment_intent: intent.id, amount: 1 }))).toMatchObject({
        code: 'charge_already_refunded',
      });
      expect((await stripe.refunds.retrieve(second.id)).amount).toBe(1_500);
      const refunded = await receiver.waitFor((e) => e.type === 'charge.refunded', { count: 3 });
      expect(refunded.map((e) => (e.data.object as Stripe.Charge).amount_refunded).sort()).toEqual([
        1_000, 2_500, 3_000,
      ]);
    });

    it('refuses to refund a payment that has not succeeded', async () => {
      const unpaid = await stripe.paymentIntents.create({ amount: 1_000, currency: 'usd' });

      expect(await failure(stripe.refunds.create({ payment_intent: unpaid.id }))).toMatchObject({
        statusCode: 400,
        param: 'payment_intent',
      });
    });
  });

  describe('Connect accounts, transfers and balance', () => {
    it('completes onboarding when the account link is visited, with an account.updated webhook', async () => {
      const account = await stripe.accounts.create({
        type: 'express',
        email: 'seller@carryover.test',
        capabilities: { transfers: { requested: true } },
      });
      expect(account).toMatchObject({
        charges_enabled: false,
        payouts_enabled: false,
        details_submitted: false,
      });
      expect(account.id).toMatch(/^acct_/);
      const link = await stripe.accountLinks.create({
        account: account.id,
        type: 'account_onboarding',
        refresh_url: 'https://carryover.test/refresh',
        return_url: 'https://carryover.test/done',
      });
      expect(link.url.startsWith(emulator.url)).toBe(true);

      const visit = await fetch(link.url, { redirect: 'manual' });
      const revisit = await fetch(link.url, { redirect: 'manual' });

      expect(visit.status).toBe(302);
      expect(visit.headers.get('location')).toBe('https://carryover.test/done');
      expect(revisit.headers.get('location')).toBe('https://carryover.test/refresh');
      expect(await stripe.accounts.retrieve(account.id)).toMatchObject({
        charges_enabled: true,
        payouts_enabled: true,
        details_submitted: true,
        capabilities: { transfers: 'active' },
      });
      const [event] = await receiver.waitFor((e) => e.type === 'account.updated');
      expect(event.account).toBe(account.id);
      expect(event.data.object).toMatchObject({ id: account.id, payouts_enabled: true });
      expect(event.data.previous_attributes).toMatchObject({ payouts_enabled: false });
    });

    it('transfers to an onboarded account and reverses in parts', async () => {
      await pay(10_000, { transfer_group: 'trade_9' });
      const seller = await onboardedAccount();

      const transfer = await stripe.transfers.create({
        amount: 9_500,
        currency: 'usd',
        destination: seller.id,
        transfer_group: 'trade_9',
        metadata: { trade_id: 'trade_9' },
      });
      const partial = await stripe.transfers.createReversal(transfer.id, { amount: 2_000 });
      const over = await failure(stripe.transfers.createReversal(transfer.id, { amount: 7_501 }));
      await stripe.transfers.createReversal(transfer.id);

      expect(transfer).toMatchObject({
        object: 'transfer',
        amount: 9_500,
        destination: seller.id,
        reversed: false,
      });
      expect(transfer.id).toMatch(/^tr_/);
      expect(partial).toMatchObject({ object: 'transfer_reversal', amount: 2_000, transfer: transfer.id });
      expect(partial.id).toMatch(/^trr_/);
      expect(over).toMatchObject({ statusCode: 400, code: 'amount_too_large' });
      const reversed = await stripe.transfers.retrieve(transfer.id);
      expect(reversed).toMatchObject({ amount_reversed: 9_500, reversed: true });
      expect(reversed.reversals.data).toHaveLength(2);
      await receiver.waitFor((e) => e.type === 'transfer.created');
      const reversals = await receiver.waitFor((e) => e.type === 'transfer.reversed', { count: 2 });
      expect(reversals.map((e) => (e.data.object as Stripe.Transfer).amount_reversed).sort()).toEqual([
        2_000, 9_500,
      ]);
    });

    it('refuses transfers without available funds, to unknown or not onboarded accounts', async () => {
      const seller = await onboardedAccount();
      const newcomer = await stripe.accounts.create({
        type: 'express',
        capabilities: { transfers: { requested: true } },
      });

      const broke = await failure(
        stripe.transfers.create({ amount: 100, currency: 'usd', destination: seller.id }),
      );
      await pay(1_000);
      const unknown = await failure(
        stripe.transfers.create({ amount: 100, currency: 'usd', destination: 'acct_nope' }),
      );
      const early = await failure(
        stripe.transfers.create({ amount: 100, currency: 'usd', destination: newcomer.id }),
      );

      expect(broke).toMatchObject({ statusCode: 400, code: 'balance_insufficient' });
      expect(unknown).toMatchObject({ code: 'resource_missing', param: 'destination' });
      expect(early).toMatchObject({ code: 'insufficient_capabilities_for_transfer' });
    });

    it('keeps the balance as captured payments minus refunds and transfers, plus reversals', async () => {
      const first = await pay(10_000);
      await pay(5_000);
      await stripe.refunds.create({ payment_intent: first.id, amount: 2_000 });
      const seller = await onboardedAccount();
      const transfer = await stripe.transfers.create({
        amount: 7_000,
        currency: 'usd',
        destination: seller.id,
      });
      await stripe.transfers.createReversal(transfer.id, { amount: 1_000 });

      const platform = await stripe.balance.retrieve();
      const connected = await stripe.balance.retrieve({}, { stripeAccount: seller.id });

      expect(platform.available).toEqual([{ amount: 7_000, currency: 'usd', source_types: { card: 7_000 } }]);
      expect(platform.pending).toEqual([{ amount: 0, currency: 'usd', source_types: { card: 0 } }]);
      expect(connected.available[0]).toMatchObject({ amount: 6_000, currency: 'usd' });
    });

    it('holds captured funds pending until settled when told to', async () => {
      await control.holdFundsPending(true);
      const seller = await onboardedAccount();
      await pay(3_000);

      const before = await stripe.balance.retrieve();
      const early = await failure(
        stripe.transfers.create({ amount: 3_000, currency: 'usd', destination: seller.id }),
      );
      await control.settlePendingFunds();
      const transfer = await stripe.transfers.create({
        amount: 3_000,
        currency: 'usd',
        destination: seller.id,
      });
      await control.holdFundsPending(false);

      expect(before.pending[0].amount).toBe(3_000);
      expect(before.available[0].amount).toBe(0);
      expect(early.code).toBe('balance_insufficient');
      expect(transfer.amount).toBe(3_000);
    });
  });

  describe('API faults', () => {
    it('fails the next calls with 500; SDK retries succeed and the idempotency key keeps one payment', async () => {
      const remote = httpControl(emulator.url);
      const retrying = client({ maxNetworkRetries: 3 });
      let attempts = 0;
      retrying.on('request', () => (attempts += 1));
      await remote.failNext(2, { path: '/v1/payment_intents', phase: 'after' });

      const intent = await retrying.paymentIntents.create({
        amount: 2_000,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        confirm: true,
      });

      expect(attempts).toBe(3);
      expect(intent.status).toBe('succeeded');
      expect(intent.lastResponse.headers['idempotent-replayed']).toBe('true');
      expect((await stripe.paymentIntents.list()).data.map((pi) => pi.id)).toEqual([intent.id]);
      expect((await remote.faults()).rules).toEqual([]);
    });

    it('fails before running: without retries the SDK reports the 500', async () => {
      await control.failNext(2);

      const error = await failure(stripe.balance.retrieve());
      const retried = await client({ maxNetworkRetries: 3 }).balance.retrieve();

      expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
      expect(error).toMatchObject({ statusCode: 500, rawType: 'api_error' });
      expect(retried.object).toBe('balance');
    });

    it('answers 429: lock timeouts are retried by the SDK, rate limits are surfaced', async () => {
      const retrying = client({ maxNetworkRetries: 2 });
      let attempts = 0;
      retrying.on('request', () => (attempts += 1));
      await control.rateLimitNext(1, { reason: 'lock_timeout' });
      const afterLockTimeout = await retrying.balance.retrieve();
      const attemptsForLockTimeout = attempts;

      await control.rateLimitNext(1);
      const limited = await failure(retrying.balance.retrieve());
      const afterLimit = await retrying.balance.retrieve();

      expect(afterLockTimeout.object).toBe('balance');
      expect(attemptsForLockTimeout).toBe(2);
      expect(limited).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
      expect(limited.statusCode).toBe(429);
      expect(afterLimit.object).toBe('balance');
    });

    it('delays answers past the SDK timeout', async () => {
      await control.setDelay(500);
      const impatient = client({ timeout: 100 });

      const error = await failure(impatient.balance.retrieve());
      await control.setDelay(0);

      expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
      expect((await impatient.balance.retrieve()).object).toBe('balance');
    });
  });

  describe('webhook faults', () => {
    it('drops the next webhook: not delivered, still listed in /v1/events', async () => {
      await onlyEvents('payment_intent.succeeded');
      await control.dropNextWebhooks(1);

      const dropped = await pay(1_000);
      const delivered = await pay(2_000);
      await receiver.waitFor((e) => (e.data.object as Stripe.PaymentIntent).id === delivered.id);
      await control.webhooksIdle();

      const paymentIds = receiver.received.map(({ event }) => (event.data.object as Stripe.PaymentIntent).id);
      expect(paymentIds).toEqual([delivered.id]);
      const listed = await stripe.events.list({ type: 'payment_intent.succeeded' });
      const droppedEvent = listed.data.find((e) => (e.data.object as Stripe.PaymentIntent).id === dropped.id);
      expect(droppedEvent?.pending_webhooks).toBe(0);
      expect(await control.webhookDeliveries()).toContainEqual(
        expect.objectContaining({ eventId: droppedEvent?.id, outcome: 'dropped' }),
      );
    });

    it('delivers the next webhook twice with the same event id', async () => {
      await onlyEvents('payment_intent.succeeded');
      await control.duplicateNextWebhooks(1);

      await pay(1_000);
      const events = await receiver.waitFor(() => true, { count: 2 });

      expect(events[1].id).toBe(events[0].id);
    });

    it('retries a delivery the receiver failed until it is accepted', async () => {
      await onlyEvents('payment_intent.succeeded');
      receiver.failNext(2);

      const intent = await pay(1_000);
      const [event] = await receiver.waitFor((e) => (e.data.object as Stripe.PaymentIntent).id === intent.id);
      await control.webhooksIdle();

      const attempts = (await control.webhookDeliveries()).filter((d) => d.eventId === event.id);
      expect(attempts.map((d) => [d.attempt, d.outcome, d.status])).toEqual([
        [1, 'failed', 500],
        [2, 'failed', 500],
        [3, 'delivered', 200],
      ]);
      expect((await stripe.events.retrieve(event.id)).pending_webhooks).toBe(0);
    });

    it('delivers a held webhook after the next one, out of order', async () => {
      await onlyEvents('payment_intent.created', 'payment_intent.succeeded');
      await control.reorderNextWebhooks(1);

      const intent = await stripe.paymentIntents.create({ amount: 1_000, currency: 'usd' });
      await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
      const events = await receiver.waitFor(() => true, { count: 2 });

      expect(events.map((e) => e.type)).toEqual(['payment_intent.succeeded', 'payment_intent.created']);
    });
  });

  it('runs in a child process, controlled over its HTTP control API', async () => {
    const child = await spawnStripeEmulator();
    try {
      const remote = new Stripe(child.secretKey, { host: child.host, port: child.port, protocol: 'http' });
      await child.control.setWebhookEndpoint({ url: receiver.url, secret: emulator.webhookSecret });

      const intent = await remote.paymentIntents.create({
        amount: 1_000,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        confirm: true,
      });

      expect(intent.status).toBe('succeeded');
      await receiver.waitFor(
        (e) =>
          e.type === 'payment_intent.succeeded' && (e.data.object as Stripe.PaymentIntent).id === intent.id,
      );
      await child.control.webhooksIdle();
    } finally {
      await child.stop();
    }
  });
});
