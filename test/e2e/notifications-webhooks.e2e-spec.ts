import { createHmac, randomUUID } from 'node:crypto';
import { DispatchNotificationEventUseCase, verifyWebhookSignature } from '@carryover/notifications';
import type { OutboxJob, TradeEventPayload } from '@carryover/jobs';
import { startApi } from '../support/api-app';
import { matchedTrade } from '../support/stripe-payments';
import {
  eventually,
  startNotificationsBed,
  startWebhookReceiver,
  type NotificationsBed,
  type WebhookReceiver,
} from '../support/notifications-bed';
import { verifyKyc } from '../factories/credits.factory';
import { addMember, registerFirm, signInOperator, type RegisteredFirm } from '../factories/identity.factory';

type Auth = { Authorization: string };

/** The HMAC the README tells receivers to compute, written out here independently of the library. */
function expectedSignature(secret: string, header: string, body: string): { t: number; ok: boolean } {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=') as [string, string]));
  const t = Number(parts.t);
  const hex = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return { t, ok: parts.v1 === hex };
}

describe('notifications: outbound webhooks (worker, local receivers)', () => {
  let bed: NotificationsBed;
  let operator: { auth: Auth };
  let seller: RegisteredFirm;
  let buyer: RegisteredFirm;
  let trade: { id: string; grossMinor: number };
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    bed = await startNotificationsBed('webhooks');
    operator = await signInOperator(bed.api);
    seller = await registerFirm(bed.api.http);
    buyer = await registerFirm(bed.api.http);
    await verifyKyc(bed.api, operator.auth, seller.organizationId);
    await verifyKyc(bed.api, operator.auth, buyer.organizationId);
    trade = await matchedTrade(bed.api, { operator: operator.auth, seller: seller.auth, buyer: buyer.auth });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(receivers.map((receiver) => receiver.stop()));
    await bed?.close();
  });

  async function receiver(): Promise<WebhookReceiver> {
    const started = await startWebhookReceiver();
    receivers.push(started);
    return started;
  }

  async function endpoint(firm: RegisteredFirm, url: string, events: string[]) {
    const response = await bed.api.http
      .post('/v1/webhook-endpoints')
      .set(firm.auth)
      .send({ url, events })
      .expect(201);
    return response.body as { id: string; secret: string; status: string };
  }

  function tradeEvent(status: string, tradeId = trade.id): TradeEventPayload {
    return {
      tradeId,
      status,
      previousStatus: 'awaiting_payment',
      buyerOrganizationId: buyer.organizationId,
      sellerOrganizationId: seller.organizationId,
    };
  }

  async function deliveries(firm: RegisteredFirm, endpointId: string) {
    const response = await bed.api.http
      .get(`/v1/webhook-endpoints/${endpointId}/deliveries`)
      .set(firm.auth)
      .expect(200);
    return response.body.data as Array<{
      eventId: string;
      event: string;
      status: string;
      attempts: number;
      responseStatus: number | null;
      lastError: string | null;
      completedAt: string | null;
      attemptLog: Array<{ attempt: number; outcome: string; responseStatus: number | null }>;
    }>;
  }

  describe('endpoints', () => {
    it('lets an org admin register an endpoint, shows the secret once, lists and deletes it', async () => {
      const created = await endpoint(seller, 'https://hooks.seller.example/carryover', [
        'trade.settled',
        'trade.funded',
        'trade.funded',
      ]);
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
      expect(created).toMatchObject({ status: 'active', events: ['trade.funded', 'trade.settled'] });

      const listed = await bed.api.http.get('/v1/webhook-endpoints').set(seller.auth).expect(200);
      const row = listed.body.data.find((e: { id: string }) => e.id === created.id);
      expect(row).toMatchObject({ url: 'https://hooks.seller.example/carryover', status: 'active' });
      expect(row).not.toHaveProperty('secret');
      const one = await bed.api.http.get(`/v1/webhook-endpoints/${created.id}`).set(seller.auth).expect(200);
      expect(one.body).not.toHaveProperty('secret');

      await bed.api.http.delete(`/v1/webhook-endpoints/${created.id}`).set(seller.auth).expect(204);
      await bed.api.http.get(`/v1/webhook-endpoints/${created.id}`).set(seller.auth).expect(404);
      await bed.api.http.delete(`/v1/webhook-endpoints/${created.id}`).set(seller.auth).expect(404);
    });

    it('refuses unknown events and non-http URLs with 400 naming the field, creating nothing', async () => {
      const before = await bed.api.http.get('/v1/webhook-endpoints').set(buyer.auth).expect(200);
      const badEvent = await bed.api.http
        .post('/v1/webhook-endpoints')
        .set(buyer.auth)
        .send({ url: 'https://hooks.buyer.example/x', events: ['trade.funded', 'trade.exploded'] })
        .expect(400);
      expect(badEvent.body).toMatchObject({ code: 'validation_failed' });
      expect(badEvent.body.errors).toEqual([expect.objectContaining({ field: 'events' })]);
      expect(badEvent.body.errors[0].message).toContain('trade.matched');

      const badUrl = await bed.api.http
        .post('/v1/webhook-endpoints')
        .set(buyer.auth)
        .send({ url: 'ftp://hooks.buyer.example/x', events: ['trade.funded'] })
        .expect(400);
      expect(badUrl.body.errors).toEqual([{ field: 'url', message: 'url must use http or https' }]);

      await bed.api.http
        .post('/v1/webhook-endpoints')
        .set(buyer.auth)
        .send({ url: 'https://hooks.buyer.example/x', events: [] })
        .expect(400);
      const after = await bed.api.http.get('/v1/webhook-endpoints').set(buyer.auth).expect(200);
      expect(after.body.data).toHaveLength(before.body.data.length);
    });

    it('lets only org admins manage endpoints, and hides another organisation’s endpoints and deliveries', async () => {
      const created = await endpoint(seller, 'https://hooks.seller.example/private', ['trade.settled']);
      for (const role of ['trader', 'viewer'] as const) {
        const member = await addMember(bed.api.http, seller, role);
        await bed.api.http
          .post('/v1/webhook-endpoints')
          .set(member.auth)
          .send({ url: 'https://hooks.seller.example/y', events: ['trade.funded'] })
          .expect(403);
        await bed.api.http.get('/v1/webhook-endpoints').set(member.auth).expect(403);
      }
      await bed.api.http.get(`/v1/webhook-endpoints/${created.id}`).set(buyer.auth).expect(404);
      await bed.api.http.get(`/v1/webhook-endpoints/${created.id}/deliveries`).set(buyer.auth).expect(404);
      await bed.api.http.delete(`/v1/webhook-endpoints/${created.id}`).set(buyer.auth).expect(404);
      const listed = await bed.api.http.get('/v1/webhook-endpoints').set(buyer.auth).expect(200);
      expect(listed.body.data.map((e: { id: string }) => e.id)).not.toContain(created.id);
      await bed.api.http.get(`/v1/webhook-endpoints/${created.id}`).set(seller.auth).expect(200);
      await bed.api.http.delete(`/v1/webhook-endpoints/${created.id}`).set(seller.auth).expect(204);
    });
    it('is described in the OpenAPI document as served', async () => {
      const doc = await bed.api.http.get('/docs-json').expect(200);
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining([
          '/v1/webhook-endpoints',
          '/v1/webhook-endpoints/{id}',
          '/v1/webhook-endpoints/{id}/deliveries',
          '/v1/notifications',
          '/v1/notifications/{id}/read',
          '/v1/notifications/read-all',
        ]),
      );
      const create = doc.body.components.schemas.CreateWebhookEndpointDto;
      expect(create.required).toEqual(expect.arrayContaining(['url', 'events']));
      expect(create.properties.events.items.enum).toContain('listing.expiring');
      expect(doc.body.components.schemas.NotificationPageResponse.required).toContain('unreadCount');
    });
  });

  describe('deliveries', () => {
    it('POSTs each subscribed organisation its side of the event, signed with its endpoint’s secret', async () => {
      const sellerHook = await receiver();
      const buyerHook = await receiver();
      const unsubscribed = await receiver();
      const sellerEndpoint = await endpoint(seller, sellerHook.url, ['trade.funded']);
      const buyerEndpoint = await endpoint(buyer, buyerHook.url, ['trade.funded', 'trade.settled']);
      await endpoint(buyer, unsubscribed.url, ['listing.expired']);

      const [eventId] = await bed.publish({ name: 'trade.funded', payload: tradeEvent('funded') });

      const received = await eventually(
        async () => (sellerHook.requests.length > 0 && buyerHook.requests.length > 0 ? true : undefined),
        'both deliveries',
      );
      expect(received).toBe(true);
      for (const [hook, created, side] of [
        [sellerHook, sellerEndpoint, 'sell'],
        [buyerHook, buyerEndpoint, 'buy'],
      ] as const) {
        const [request] = hook.requests;
        const header = String(request?.headers['carryover-signature']);
        expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
        const signature = expectedSignature(created.secret, header, request?.body ?? '');
        expect(signature.ok).toBe(true);
        expect(Math.abs(signature.t - Date.now() / 1000)).toBeLessThan(60);
        expect(request?.headers['content-type']).toBe('application/json');
        expect(verifyWebhookSignature({ body: request?.body ?? '', header, secret: created.secret })).toBe(
          true,
        );
        expect(
          verifyWebhookSignature({ body: request?.body ?? '', header, secret: sellerEndpoint.secret + 'x' }),
        ).toBe(false);

        const body = JSON.parse(request?.body ?? '{}');
        expect(body).toMatchObject({
          id: eventId,
          type: 'trade.funded',
          data: {
            tradeId: trade.id,
            status: 'funded',
            side,
            grossMinor: trade.grossMinor,
            quantityMinor: 100_000,
            currency: 'USD',
          },
        });
        expect(Date.parse(body.createdAt)).not.toBeNaN();
        expect(body.data).not.toHaveProperty('buyerOrganizationId');
      }
      const sellerLog = await eventually(async () => {
        const log = await deliveries(seller, sellerEndpoint.id);
        return log[0]?.status === 'succeeded' ? log : undefined;
      }, 'the seller’s delivery logged');
      expect(sellerLog[0]).toMatchObject({
        eventId,
        event: 'trade.funded',
        attempts: 1,
        responseStatus: 200,
        lastError: null,
        attemptLog: [{ attempt: 1, outcome: 'succeeded', responseStatus: 200 }],
      });
      expect(unsubscribed.requests).toHaveLength(0);
    });

    it('retries a failing receiver with backoff and succeeds when it recovers, logging every attempt', async () => {
      const hook = await receiver();
      hook.answerNext(500, 502);
      const created = await endpoint(seller, hook.url, ['trade.settled']);

      const [eventId] = await bed.publish({
        name: 'trade.settled',
        payload: tradeEvent('settled', randomUUID()),
      });

      const log = await eventually(async () => {
        const rows = await deliveries(seller, created.id);
        return rows[0]?.status === 'succeeded' ? rows : undefined;
      }, 'the delivery to succeed on its third attempt');
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ eventId, attempts: 3, responseStatus: 200, lastError: null });
      expect(log[0]?.attemptLog).toEqual([
        expect.objectContaining({ attempt: 1, outcome: 'failed', responseStatus: 500 }),
        expect.objectContaining({ attempt: 2, outcome: 'failed', responseStatus: 502 }),
        expect.objectContaining({ attempt: 3, outcome: 'succeeded', responseStatus: 200 }),
      ]);
      expect(hook.requests).toHaveLength(3);
      // The same event each time, freshly signed; waits of at least 100 ms, then 200 ms, between them.
      expect(new Set(hook.requests.map((request) => JSON.parse(request.body).id))).toEqual(
        new Set([eventId]),
      );
      for (const request of hook.requests) {
        expect(
          expectedSignature(created.secret, String(request.headers['carryover-signature']), request.body).ok,
        ).toBe(true);
      }
      const [first, second, third] = hook.requests.map((request) => request.at);
      expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(90);
      expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(190);
      const endpointNow = await bed.api.http
        .get(`/v1/webhook-endpoints/${created.id}`)
        .set(seller.auth)
        .expect(200);
      expect(endpointNow.body).toMatchObject({ status: 'active', consecutiveFailures: 0 });
    });

    it('disables an endpoint after deliveries fail in a row after every retry, and then sends it nothing', async () => {
      const hook = await receiver();
      hook.answerAlways(503);
      const created = await endpoint(buyer, hook.url, ['trade.refunded']);

      await bed.publish({ name: 'trade.refunded', payload: tradeEvent('refunded', randomUUID()) });
      const firstFailed = await eventually(async () => {
        const rows = await deliveries(buyer, created.id);
        return rows[0]?.status === 'failed' ? rows[0] : undefined;
      }, 'the first delivery to fail');
      expect(firstFailed).toMatchObject({ attempts: 3, responseStatus: 503 });
      expect(firstFailed.lastError).toContain('HTTP 503');
      const stillActive = await bed.api.http
        .get(`/v1/webhook-endpoints/${created.id}`)
        .set(buyer.auth)
        .expect(200);
      expect(stillActive.body).toMatchObject({ status: 'active', consecutiveFailures: 1 });

      await bed.publish({ name: 'trade.refunded', payload: tradeEvent('refunded', randomUUID()) });
      const disabled = await eventually(async () => {
        const response = await bed.api.http
          .get(`/v1/webhook-endpoints/${created.id}`)
          .set(buyer.auth)
          .expect(200);
        return response.body.status === 'disabled' ? response.body : undefined;
      }, 'the endpoint to be disabled');
      expect(disabled).toMatchObject({ consecutiveFailures: 2 });
      expect(disabled.disabledAt).not.toBeNull();
      expect(disabled.disabledReason).toContain('2 deliveries in a row failed');
      expect(hook.requests).toHaveLength(6);

      // Another event: no delivery for the disabled endpoint, nothing sent to it.
      const [third] = await bed.publish({
        name: 'trade.refunded',
        payload: tradeEvent('refunded', randomUUID()),
      });
      await eventually(async () => {
        const [row] = await bed.db.query(`SELECT count(*)::int AS n FROM notifications WHERE event_id = $1`, [
          third,
        ]);
        return row.n === 2 ? true : undefined;
      }, 'the third event dispatched');
      expect((await deliveries(buyer, created.id)).map((d) => d.status)).toEqual(['failed', 'failed']);
      expect(hook.requests).toHaveLength(6);
    });

    it('creates nothing twice when the same event is dispatched again', async () => {
      const hook = await receiver();
      const created = await endpoint(seller, hook.url, ['trade.transfer_requested']);
      const payload = tradeEvent('transfer_pending');
      const [eventId] = await bed.publish({ name: 'trade.transfer_requested', payload });
      await eventually(async () => {
        const rows = await deliveries(seller, created.id);
        return rows[0]?.status === 'succeeded' ? true : undefined;
      }, 'the first delivery');
      const footprint = async () =>
        (await bed.db.query(
          `SELECT (SELECT count(*)::int FROM notifications WHERE event_id = $1) AS notifications,
                  (SELECT count(*)::int FROM notification_emails WHERE event_id = $1) AS emails,
                  (SELECT count(*)::int FROM webhook_deliveries WHERE event_id = $1) AS deliveries,
                  (SELECT count(*)::int FROM webhook_delivery_attempts a JOIN webhook_deliveries d
                      ON d.id = a.delivery_id WHERE d.event_id = $1) AS attempts`,
          [eventId],
        )) as unknown[];
      const before = await footprint();
      expect(before).toEqual([{ notifications: 2, emails: 2, deliveries: 1, attempts: 1 }]);

      // The dispatch job run again (a retry, or a second worker), and the relay re-enqueueing the event.
      const job: OutboxJob = {
        eventId: eventId ?? '',
        name: 'trade.transfer_requested',
        payload,
        occurredAt: new Date().toISOString(),
      };
      await bed.worker.app.get(DispatchNotificationEventUseCase).execute(job);
      await bed.db.query(`UPDATE outbox_events SET relayed_at = NULL WHERE id = $1`, [eventId]);
      await eventually(async () => {
        const [row] = await bed.db.query(`SELECT relayed_at FROM outbox_events WHERE id = $1`, [eventId]);
        return row.relayed_at ? true : undefined;
      }, 'the event relayed again');
      await new Promise((resolve) => setTimeout(resolve, 500));

      expect(await footprint()).toEqual(before);
      expect(hook.requests).toHaveLength(1);
    });
  });

  describe('in production', () => {
    // Last in the file: passport's strategies are process-global, so once a second API in this process
    // closes, the first one's authentication breaks.
    it('refuses loopback and private hosts when they are not allowed (production)', async () => {
      const strict = await startApi({
        env: {
          DATABASE_URL: bed.databaseUrl,
          WEBHOOK_ALLOW_PRIVATE_HOSTS: 'false',
        },
      });
      try {
        for (const url of ['http://127.0.0.1:8080/hook', 'http://10.0.0.7/hook', 'http://localhost/hook']) {
          const refused = await strict.http
            .post('/v1/webhook-endpoints')
            .set(seller.auth)
            .send({ url, events: ['trade.funded'] })
            .expect(400);
          expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'url' })]);
          expect(refused.body.errors[0].message).toContain('public host');
        }
        const allowed = await strict.http
          .post('/v1/webhook-endpoints')
          .set(seller.auth)
          .send({ url: 'https://hooks.seller.example/public', events: ['trade.funded'] })
          .expect(201);
        await strict.http.delete(`/v1/webhook-endpoints/${allowed.body.id}`).set(seller.auth).expect(204);
      } finally {
        await strict.close();
      }
    });
  });
});
