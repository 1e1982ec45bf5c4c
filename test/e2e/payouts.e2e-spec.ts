import { DataSource } from 'typeorm';
import { PayoutAccounts } from '@carryover/escrow';
import { addMember, registerFirm, signInOperator, type RegisteredFirm } from '../factories/identity.factory';
import { eventually, startStripeTestbed, type StripeTestbed } from '../support/stripe-payments';

type Auth = { Authorization: string };

describe('seller payouts: Stripe Connect onboarding', () => {
  let bed: StripeTestbed;

  beforeAll(async () => {
    bed = await startStripeTestbed();
  });
  afterEach(() => bed.emulator.control.webhooksIdle());
  afterAll(() => bed?.close());

  const http = () => bed.api.http;
  const statusOf = async (auth: Auth): Promise<string> =>
    (await http().get('/v1/organizations/me/payouts').set(auth).expect(200)).body.status;
  const onboard = (auth: Auth) => http().post('/v1/organizations/me/payouts/onboarding').set(auth);
  const accountRows = async (organizationId: string) =>
    (await bed.api.app
      .get(DataSource)
      .query(`SELECT stripe_account_id, status FROM payout_accounts WHERE organization_id = $1`, [
        organizationId,
      ])) as Array<{ stripe_account_id: string; status: string }>;
  const emulatorAccountsOf = async (organizationId: string) =>
    (await bed.stripe.accounts.list({ limit: 100 })).data.filter(
      (account) => account.metadata?.['organizationId'] === organizationId,
    );

  it('not_started, then pending with a link, then enabled once onboarding is completed', async () => {
    const firm = await registerFirm(http());
    expect(await statusOf(firm.auth)).toBe('not_started');

    const started = await onboard(firm.auth).expect(200);
    const url = started.body.url as string;
    expect(url.startsWith(bed.emulator.url)).toBe(true);
    expect(await statusOf(firm.auth)).toBe('pending');
    expect(await bed.api.app.get(PayoutAccounts).payoutsEnabled(firm.organizationId)).toBe(false);

    const [account] = await emulatorAccountsOf(firm.organizationId);
    const [org] = (await bed.api.app
      .get(DataSource)
      .query(`SELECT country FROM organizations WHERE id = $1`, [firm.organizationId])) as Array<{
      country: string;
    }>;
    expect(account).toMatchObject({ type: 'express', country: org!.country, payouts_enabled: false });

    const visit = await fetch(url, { redirect: 'manual' });
    expect(visit.status).toBe(302);
    expect(visit.headers.get('location')).toMatch(/onboarding=return$/);

    await eventually(
      async () => ((await statusOf(firm.auth)) === 'enabled' ? true : undefined),
      'payouts enabled',
    );
    expect(await bed.api.app.get(PayoutAccounts).payoutsEnabled(firm.organizationId)).toBe(true);
    expect(await accountRows(firm.organizationId)).toEqual([
      { stripe_account_id: account!.id, status: 'enabled' },
    ]);

    // A late replay of an older view of the account does not take payouts back.
    await bed.api.app
      .get(DataSource)
      .transaction((manager) =>
        bed.api.app
          .get(PayoutAccounts)
          .recordProgress(
            manager,
            account!.id,
            { detailsSubmitted: false, payoutsEnabled: false },
            new Date(),
          ),
      );
    expect(await statusOf(firm.auth)).toBe('enabled');
  });

  it('onboarding twice, or concurrently, creates one connected account and returns fresh links', async () => {
    const firm = await registerFirm(http());
    const [first, second] = await Promise.all([
      onboard(firm.auth).expect(200),
      onboard(firm.auth).expect(200),
    ]);
    const third = await onboard(firm.auth).expect(200);
    expect(new Set([first.body.url, second.body.url, third.body.url]).size).toBe(3);
    expect(await emulatorAccountsOf(firm.organizationId)).toHaveLength(1);
    expect(await accountRows(firm.organizationId)).toHaveLength(1);
  });

  it('only an org_admin starts onboarding; members read the status; operators have no organisation', async () => {
    const firm = await registerFirm(http());
    const trader = await addMember(http(), firm, 'trader');
    const viewer = await addMember(http(), firm, 'viewer');
    const operator = await signInOperator(bed.api);

    expect((await onboard(trader.auth).expect(403)).body.code).toBe('insufficient_role');
    await onboard(viewer.auth).expect(403);
    await onboard(operator.auth).expect(403);
    await http().get('/v1/organizations/me/payouts').set(operator.auth).expect(403);
    expect(await statusOf(viewer.auth)).toBe('not_started');
    expect(await emulatorAccountsOf(firm.organizationId)).toHaveLength(0);

    await onboard(firm.auth).expect(200);
    expect(await statusOf(trader.auth)).toBe('pending');
  });

  it('account.updated for an account Carryover did not create is acknowledged and changes nothing', async () => {
    const foreign = await bed.stripe.accounts.create({
      type: 'express',
      country: 'US',
      capabilities: { transfers: { requested: true } },
    });
    const link = await bed.stripe.accountLinks.create({
      account: foreign.id,
      type: 'account_onboarding',
      refresh_url: 'http://127.0.0.1/refresh',
      return_url: 'http://127.0.0.1/return',
    });
    await fetch(link.url, { redirect: 'manual' });
    await bed.emulator.control.webhooksIdle();
    const deliveries = (await bed.emulator.control.webhookDeliveries()).filter(
      (d) => d.type === 'account.updated',
    );
    const events = (await bed.api.app.get(DataSource).query(
      `SELECT id FROM stripe_events WHERE type = 'account.updated' AND payload->'data'->'object'->>'id' = $1
            AND processed_at IS NOT NULL`,
      [foreign.id],
    )) as Array<{ id: string }>;
    expect(events).toHaveLength(1);
    expect(deliveries.find((d) => d.eventId === events[0]!.id)).toMatchObject({ outcome: 'delivered' });
    const rows = (await bed.api.app
      .get(DataSource)
      .query(`SELECT 1 FROM payout_accounts WHERE stripe_account_id = $1`, [foreign.id])) as unknown[];
    expect(rows).toHaveLength(0);
  });

  it('each organisation sees only its own status', async () => {
    const onboarded: RegisteredFirm = await registerFirm(http());
    const other = await registerFirm(http());
    const started = await onboard(onboarded.auth).expect(200);
    await fetch(started.body.url as string, { redirect: 'manual' });
    await eventually(
      async () => ((await statusOf(onboarded.auth)) === 'enabled' ? true : undefined),
      'payouts enabled',
    );
    expect(await statusOf(other.auth)).toBe('not_started');
    expect(await accountRows(other.organizationId)).toHaveLength(0);
  });
});
