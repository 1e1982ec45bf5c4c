import { ConfigModule } from '@nestjs/config';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExpireMarketItemsUseCase } from '@carryover/market';
import { buildDataSourceOptions } from '@carryover/migrations';
import { NotificationsWorkerModule, SendExpiryRemindersUseCase } from '@carryover/notifications';
import { Clock, ClockModule, DomainEventsModule, RedisModule } from '@carryover/shared';
import { createTestProvider } from '../factories/catalog.factory';
import { daysFromNow, verifiedLot, verifyKyc } from '../factories/credits.factory';
import {
  addMember,
  createApiKey,
  registerFirm,
  signInOperator,
  type Member,
  type RegisteredFirm,
} from '../factories/identity.factory';
import {
  APP_URL,
  eventually,
  startNotificationsBed,
  startWebhookReceiver,
  type NotificationsBed,
  type ReceivedMail,
  type WebhookReceiver,
} from '../support/notifications-bed';
import { matchedTrade } from '../support/stripe-payments';

type Auth = { Authorization: string };
const DAY_MS = 86_400_000;

interface NotificationBody {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  subject: { type: string; id: string } | null;
  readAt: string | null;
}

describe('notifications: e-mail, in-app and expiry reminders (worker, SMTP on loopback)', () => {
  let bed: NotificationsBed;
  let operator: { auth: Auth };
  let seller: RegisteredFirm;
  let buyer: RegisteredFirm;
  let sellerTrader: Member;
  let sellerViewer: Member;
  let trade: { id: string; grossMinor: number };
  let settledEventId: string;
  let hook: WebhookReceiver;

  beforeAll(async () => {
    bed = await startNotificationsBed('inbox');
    hook = await startWebhookReceiver();
    operator = await signInOperator(bed.api);
    seller = await registerFirm(bed.api.http);
    buyer = await registerFirm(bed.api.http);
    await verifyKyc(bed.api, operator.auth, seller.organizationId);
    await verifyKyc(bed.api, operator.auth, buyer.organizationId);
    sellerTrader = await addMember(bed.api.http, seller, 'trader');
    sellerViewer = await addMember(bed.api.http, seller, 'viewer');
    trade = await matchedTrade(bed.api, { operator: operator.auth, seller: seller.auth, buyer: buyer.auth });
    await bed.api.http
      .post('/v1/webhook-endpoints')
      .set(seller.auth)
      .send({ url: hook.url, events: ['listing.expiring', 'listing.expired'] })
      .expect(201);
    [settledEventId = ''] = await bed.publish({
      name: 'trade.settled',
      payload: {
        tradeId: trade.id,
        status: 'settled',
        previousStatus: 'releasing',
        buyerOrganizationId: buyer.organizationId,
        sellerOrganizationId: seller.organizationId,
      },
    });
  }, 120_000);
  afterAll(async () => {
    await hook?.stop();
    await bed?.close();
  });

  async function inbox(auth: Auth, query: Record<string, unknown> = {}) {
    const response = await bed.api.http.get('/v1/notifications').query(query).set(auth).expect(200);
    return response.body as { data: NotificationBody[]; nextCursor: string | null; unreadCount: number };
  }

  async function mailTo(address: string, subject: RegExp): Promise<ReceivedMail> {
    return eventually(
      async () => bed.smtp.messages.find((m) => m.envelopeTo.includes(address) && subject.test(m.subject)),
      `an e-mail to ${address} matching ${subject}`,
    );
  }

  describe('e-mail', () => {
    it('mails the members who act on trades, with the amounts as money and a link to the trade', async () => {
      const mail = await mailTo(seller.email, /^Paid: /);
      expect(mail.subject).toMatch(/^Paid: \$684\.00 for \$1,000\.00 of Test AI test-[0-9a-f]+ credit$/);
      expect(mail.envelopeTo.sort()).toEqual([seller.email, sellerTrader.email].sort());
      expect(mail.envelopeTo).not.toContain(sellerViewer.email);
      expect(mail.from).toContain('notifications@carryover.test');
      expect(mail.text).toContain('$684.00 ($720.00 less the platform fee of $36.00)');
      expect(mail.text).toContain(`${APP_URL}/trades/${trade.id}`);

      const buyerMail = await mailTo(buyer.email, /^Trade complete: /);
      expect(buyerMail.envelopeTo).toEqual([buyer.email]);
      expect(buyerMail.text).toContain('your payment of $720.00 has been released to the seller');
      // The worker marks an e-mail sent once the SMTP server has taken it: just after it arrives there.
      const sent = await eventually(async () => {
        const [row] = await bed.db.query(
          `SELECT count(*)::int AS n FROM notification_emails WHERE event_id = $1 AND status = 'sent'`,
          [settledEventId],
        );
        return row.n === 2 ? row.n : undefined;
      }, 'both e-mails of trade.settled marked sent');
      expect(sent).toBe(2);
    });
  });

  describe('in-app', () => {
    it('lists the organisation’s notifications newest first with the caller’s unread count, and pages them', async () => {
      const [fundedEventId] = await bed.publish({
        name: 'trade.funded',
        payload: {
          tradeId: trade.id,
          status: 'funded',
          previousStatus: 'awaiting_payment',
          buyerOrganizationId: buyer.organizationId,
          sellerOrganizationId: seller.organizationId,
        },
      });
      const listed = await eventually(async () => {
        const page = await inbox(sellerViewer.auth);
        return page.data.some((n) => n.kind === 'trade.funded') &&
          page.data.some((n) => n.kind === 'trade.settled')
          ? page
          : undefined;
      }, 'both trade notifications in the seller’s inbox');
      expect(fundedEventId).toBeDefined();
      const kinds = listed.data.map((n) => n.kind);
      expect(kinds.indexOf('trade.funded')).toBeLessThan(kinds.indexOf('trade.settled'));
      const settled = listed.data.find((n) => n.kind === 'trade.settled');
      expect(settled).toMatchObject({
        title: expect.stringMatching(/^Paid: \$684\.00 for \$1,000\.00 of /),
        link: `/trades/${trade.id}`,
        subject: { type: 'trade', id: trade.id },
        readAt: null,
      });
      expect(listed.unreadCount).toBe(listed.data.length);

      const first = await inbox(seller.auth, { limit: 1 });
      expect(first.data).toHaveLength(1);
      expect(first.nextCursor).not.toBeNull();
      const second = await inbox(seller.auth, { limit: 1, cursor: first.nextCursor });
      expect(second.data[0]?.id).not.toBe(first.data[0]?.id);

      const buyerInbox = await inbox(buyer.auth);
      expect(buyerInbox.data.find((n) => n.kind === 'trade.funded')?.title).toBe(
        'Payment received: $720.00 held in escrow',
      );
    });

    it('marks one read for the caller only, keeps the first read time, and read-all clears the rest', async () => {
      const before = await inbox(seller.auth);
      const target = before.data.find((n) => n.kind === 'trade.settled');
      if (!target) throw new Error('no trade.settled notification');
      const traderBefore = await inbox(sellerTrader.auth);

      const read = await bed.api.http
        .post(`/v1/notifications/${target.id}/read`)
        .set(seller.auth)
        .expect(200);
      expect(read.body).toMatchObject({ id: target.id, kind: 'trade.settled' });
      expect(Date.parse(read.body.readAt)).not.toBeNaN();
      const again = await bed.api.http
        .post(`/v1/notifications/${target.id}/read`)
        .set(seller.auth)
        .expect(200);
      expect(again.body.readAt).toBe(read.body.readAt);

      const after = await inbox(seller.auth);
      expect(after.unreadCount).toBe(before.unreadCount - 1);
      expect(after.data.find((n) => n.id === target.id)?.readAt).toBe(read.body.readAt);
      expect((await inbox(sellerTrader.auth)).unreadCount).toBe(traderBefore.unreadCount);

      const all = await bed.api.http.post('/v1/notifications/read-all').set(sellerTrader.auth).expect(200);
      expect(all.body).toEqual({ marked: traderBefore.unreadCount });
      const cleared = await inbox(sellerTrader.auth);
      expect(cleared.unreadCount).toBe(0);
      expect(cleared.data.every((n) => n.readAt !== null)).toBe(true);
      expect((await inbox(seller.auth)).unreadCount).toBe(after.unreadCount);
    });

    it('hides one organisation’s notifications from another, and lets an API key keep its own read state', async () => {
      const sellerIds = (await inbox(seller.auth)).data.map((n) => n.id);
      const buyerIds = (await inbox(buyer.auth)).data.map((n) => n.id);
      expect(buyerIds.filter((id) => sellerIds.includes(id))).toEqual([]);
      await bed.api.http.post(`/v1/notifications/${sellerIds[0]}/read`).set(buyer.auth).expect(404);
      await bed.api.http.post('/v1/notifications/not-a-uuid/read').set(buyer.auth).expect(400);
      await bed.api.http.get('/v1/notifications').expect(401);

      const key = await createApiKey(bed.api.http, buyer);
      const asKey = await bed.api.http.get('/v1/notifications').set('X-Api-Key', key.key).expect(200);
      expect(asKey.body.data.map((n: NotificationBody) => n.id).sort()).toEqual([...buyerIds].sort());
      expect(asKey.body.unreadCount).toBe(buyerIds.length);
      await bed.api.http.post('/v1/notifications/read-all').set('X-Api-Key', key.key).expect(200);
      expect((await inbox(buyer.auth)).unreadCount).toBe(buyerIds.length);
    });
  });

  describe('listings', () => {
    it('tells the seller when a listing expires unsold, in-app and by webhook', async () => {
      const providerCode = await createTestProvider(bed.db);
      const lotId = await verifiedLot(bed.api, operator.auth, seller.auth, {
        providerCode,
        faceValueMinor: 500_000,
      });
      const listed = await bed.api.http
        .post('/v1/listings')
        .set(seller.auth)
        .send({ creditLotId: lotId, quantityMinor: 250_000, priceBps: 7000 })
        .expect(201);
      const listingId = listed.body.listing.id as string;
      await bed.db.query(`UPDATE listings SET tradable_until = now() - interval '1 minute' WHERE id = $1`, [
        listingId,
      ]);

      await bed.api.app.get(ExpireMarketItemsUseCase).execute();

      const notice = await eventually(
        async () => (await inbox(seller.auth)).data.find((n) => n.kind === 'listing.expired'),
        'the listing.expired notification',
      );
      expect(notice).toMatchObject({
        title: expect.stringMatching(
          /^Listing expired: \$2,500\.00 of Test AI test-[0-9a-f]+ credit unsold$/,
        ),
        link: `/listings/${listingId}`,
      });
      expect(notice.body).toContain('$0.00 was sold');
      const delivered = await eventually(
        async () => hook.requests.find((r) => JSON.parse(r.body).type === 'listing.expired'),
        'the listing.expired webhook',
      );
      expect(JSON.parse(delivered.body).data).toMatchObject({
        listingId,
        creditLotId: lotId,
        quantityMinor: 250_000,
        unsoldMinor: 250_000,
      });
    });
  });

  describe('orders', () => {
    it('tells the buyer, and only the buyer, that its order was filled', async () => {
      const detail = await bed.api.http.get(`/v1/trades/${trade.id}`).set(buyer.auth).expect(200);
      const orderId = detail.body.orderId as string;
      const [eventId] = await bed.publish({
        name: 'order.filled',
        payload: { orderId, organizationId: buyer.organizationId },
      });
      // The market may publish order.filled for this order too: follow this event's own rows.
      const rows = await eventually(async () => {
        const found: Array<{ id: string; organization_id: string }> = await bed.db.query(
          `SELECT id, organization_id FROM notifications WHERE event_id = $1`,
          [eventId],
        );
        return found.length > 0 ? found : undefined;
      }, 'the order.filled notification');
      expect(rows.map((row) => row.organization_id)).toEqual([buyer.organizationId]);
      const notice = (await inbox(buyer.auth)).data.find((n) => n.id === rows[0]?.id);
      expect(notice).toMatchObject({
        kind: 'order.filled',
        title: expect.stringMatching(/^Buy order filled: \$1,000\.00 of Test AI test-[0-9a-f]+ credit$/),
        link: `/orders/${orderId}`,
        subject: { type: 'order', id: orderId },
      });
    });
  });

  describe('expiry reminders', () => {
    let reminders: TestingModule;
    let now = new Date();

    beforeAll(async () => {
      // The reminder sweep with a clock the test moves; the bed's worker relays and dispatches what it publishes.
      reminders = await Test.createTestingModule({
        imports: [
          ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true }),
          TypeOrmModule.forRoot(buildDataSourceOptions({ url: bed.databaseUrl, poolSize: 2 })),
          ClockModule,
          DomainEventsModule,
          RedisModule,
          NotificationsWorkerModule,
        ],
      })
        .overrideProvider(Clock)
        .useValue({ now: () => now })
        .compile();
      reminders.useLogger(false);
      await reminders.init();
    });
    afterAll(() => reminders?.close());

    const sweepAt = (at: Date) => {
      now = at;
      return reminders.get(SendExpiryRemindersUseCase).execute();
    };

    it('reminds the seller once at T-30, T-7 and T-1 while the lot has unsold credit', async () => {
      const providerCode = await createTestProvider(bed.db, { minDaysToExpiry: 14 });
      const lotId = await verifiedLot(bed.api, operator.auth, seller.auth, {
        providerCode,
        faceValueMinor: 1_000_000,
        expiresAt: daysFromNow(60),
      });
      await bed.api.http
        .post('/v1/listings')
        .set(seller.auth)
        .send({ creditLotId: lotId, quantityMinor: 400_000, priceBps: 6500 })
        .expect(201);
      const lot = await bed.api.http.get(`/v1/credit-lots/${lotId}`).set(seller.auth).expect(200);
      const tradableUntil = Date.parse(lot.body.tradableUntil);
      const reminded = async () =>
        (await inbox(seller.auth)).data.filter(
          (n) => n.kind === 'listing.expiring' && n.subject?.id === lotId,
        );

      expect(await sweepAt(new Date(tradableUntil - 31 * DAY_MS))).toBe(0);
      expect(await sweepAt(new Date(tradableUntil - 25 * DAY_MS))).toBe(1);
      const first = await eventually(async () => {
        const found = await reminded();
        return found.length === 1 ? found[0] : undefined;
      }, 'the T-30 reminder in-app');
      expect(first?.title).toMatch(
        /^\$10,000\.00 of Test AI test-[0-9a-f]+ credit unsold, 25 days left to sell$/,
      );
      expect(first?.body).toContain('$4,000.00 is listed and $6,000.00 is not listed yet');
      expect(first?.link).toBe(`/credit-lots/${lotId}`);
      const mail = await mailTo(seller.email, /25 days left to sell$/);
      expect(mail.text).toContain(`${APP_URL}/credit-lots/${lotId}`);
      const webhook = await eventually(
        async () => hook.requests.find((r) => JSON.parse(r.body).data.creditLotId === lotId),
        'the T-30 webhook',
      );
      expect(JSON.parse(webhook.body)).toMatchObject({
        type: 'listing.expiring',
        data: { creditLotId: lotId, daysLeft: 25, unsoldMinor: 1_000_000, listedMinor: 400_000 },
      });

      // Later sweeps inside the same window send nothing more.
      expect(await sweepAt(new Date(tradableUntil - 25 * DAY_MS))).toBe(0);
      expect(await sweepAt(new Date(tradableUntil - 8 * DAY_MS))).toBe(0);
      expect(await sweepAt(new Date(tradableUntil - 6 * DAY_MS))).toBe(1);
      expect(await sweepAt(new Date(tradableUntil - 2 * DAY_MS))).toBe(0);
      expect(await sweepAt(new Date(tradableUntil - DAY_MS / 2))).toBe(1);
      expect(await sweepAt(new Date(tradableUntil - DAY_MS / 4))).toBe(0);

      const all = await eventually(async () => {
        const found = await reminded();
        return found.length === 3 ? found : undefined;
      }, 'three reminders in-app');
      expect(all.map((n) => n.title.replace(/^.* unsold, /, ''))).toEqual([
        'less than a day left to sell',
        '6 days left to sell',
        '25 days left to sell',
      ]);
      const rows = await bed.db.query(
        `SELECT threshold_days, event_id IS NOT NULL AS published FROM expiry_reminders
          WHERE credit_lot_id = $1 ORDER BY threshold_days`,
        [lotId],
      );
      expect(rows).toEqual([
        { threshold_days: 1, published: true },
        { threshold_days: 7, published: true },
        { threshold_days: 30, published: true },
      ]);
      // Past tradableUntil there is nothing left to remind about.
      expect(await sweepAt(new Date(tradableUntil + DAY_MS))).toBe(0);
    });
  });
});
