import { randomUUID } from 'node:crypto';
import {
  matchedTrade,
  payTrade,
  settlementCast,
  startSettlementTestbed,
  tradeOf,
  untilStatus,
  type Auth,
  type Cast,
  type MatchedTrade,
  type SettlementTestbed,
} from '../support/settlement-testbed';

describe('settlement routes: illegal steps are 409, the wrong party 403 or 404, bad input 400', () => {
  let bed: SettlementTestbed;
  let cast: Cast;
  let outsider: Cast;
  let pending: MatchedTrade;

  beforeAll(async () => {
    bed = await startSettlementTestbed('access');
    cast = await settlementCast(bed);
    outsider = await settlementCast(bed, { payouts: false });
    pending = await matchedTrade(bed, cast);
    await payTrade(bed, cast, pending.id);
    await untilStatus(bed, cast.sellerTrader, pending.id, 'transfer_pending');
  }, 60_000);
  afterAll(() => bed?.close());

  const http = () => bed.api.http;
  const transfer = (tradeId: string, auth: Auth, body: object = { reference: 'REF-1' }) =>
    http().post(`/v1/trades/${tradeId}/transfer`).set(auth).send(body);
  const receipt = (tradeId: string, auth: Auth) => http().post(`/v1/trades/${tradeId}/receipt`).set(auth);
  const verification = (tradeId: string, auth: Auth, body: object = { decision: 'approve', reason: 'ok' }) =>
    http().post(`/v1/admin/trades/${tradeId}/verification`).set(auth).send(body);
  const providerApproval = (tradeId: string, auth: Auth) =>
    http()
      .post(`/v1/admin/trades/${tradeId}/provider-approval`)
      .set(auth)
      .send({ decision: 'approved', reference: 'P-1' });

  it('refuses steps the trade’s state does not allow with 409 invalid_transition naming from and to', async () => {
    const unpaid = await matchedTrade(bed, cast);
    const early = await transfer(unpaid.id, cast.sellerTrader).expect(409);
    expect(early.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(early.body).toMatchObject({
      code: 'invalid_transition',
      from: 'awaiting_payment',
      to: 'transfer_submitted',
    });
    expect((await verification(pending.id, cast.operator.auth).expect(409)).body).toMatchObject({
      code: 'invalid_transition',
      from: 'transfer_pending',
      to: 'releasing',
    });
    expect((await providerApproval(pending.id, cast.operator.auth).expect(409)).body).toMatchObject({
      code: 'invalid_transition',
      from: 'transfer_pending',
    });
    expect((await receipt(pending.id, cast.buyerTrader).expect(409)).body).toMatchObject({
      code: 'receipt_not_expected',
      tradeStatus: 'transfer_pending',
    });
    expect((await tradeOf(bed, cast.sellerTrader, pending.id)).status).toBe('transfer_pending');
    expect((await tradeOf(bed, cast.sellerTrader, unpaid.id)).status).toBe('awaiting_payment');
  });

  it('lets only the trade’s own side act: another firm 404, the other side 403, viewers and operators 403, no token 401', async () => {
    await transfer(pending.id, outsider.sellerTrader).expect(404);
    expect((await transfer(pending.id, cast.buyerTrader).expect(403)).body.code).toBe('not_trade_seller');
    await transfer(pending.id, cast.buyerViewer).expect(403);
    await transfer(pending.id, cast.operator.auth).expect(403);
    await transfer(pending.id, {} as Auth).expect(401);
    await receipt(pending.id, outsider.buyerTrader).expect(404);
    await http().get(`/v1/trades/${pending.id}`).set(outsider.buyerTrader).expect(404);
    await http().get(`/v1/trades/${randomUUID()}`).set(cast.buyerTrader).expect(404);
    // Operators' routes are for operators.
    await verification(pending.id, cast.sellerTrader).expect(403);
    await providerApproval(pending.id, cast.buyerTrader).expect(403);
    await http().get(`/v1/admin/trades/${pending.id}`).set(cast.buyerTrader).expect(403);
    await http().get('/v1/admin/trades').set(cast.sellerTrader).expect(403);
    await http().get('/v1/admin/trades').expect(401);
    await verification(randomUUID(), cast.operator.auth).expect(404);
    await http().get(`/v1/admin/trades/${randomUUID()}`).set(cast.operator.auth).expect(404);
    expect((await tradeOf(bed, cast.sellerTrader, pending.id)).status).toBe('transfer_pending');
  });

  it('rejects malformed bodies and ids naming the field, and changes nothing', async () => {
    const blank = await transfer(pending.id, cast.sellerTrader, { reference: '   ' }).expect(400);
    expect(blank.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'reference' }] });
    const long = await transfer(pending.id, cast.sellerTrader, { reference: 'x'.repeat(201) }).expect(400);
    expect(long.body.errors).toEqual([expect.objectContaining({ field: 'reference' })]);
    const unknown = await transfer(pending.id, cast.sellerTrader, { reference: 'R', amount: 5 }).expect(400);
    expect(unknown.body.code).toBe('validation_failed');
    const id = await transfer('not-a-uuid', cast.sellerTrader).expect(400);
    expect(id.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
    const decision = await verification(pending.id, cast.operator.auth, {
      decision: 'maybe',
      reason: 'x',
    }).expect(400);
    expect(decision.body.errors).toEqual([expect.objectContaining({ field: 'decision' })]);
    const noReason = await verification(pending.id, cast.operator.auth, { decision: 'approve' }).expect(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const filter = await http().get('/v1/admin/trades?flagged=perhaps').set(cast.operator.auth).expect(400);
    expect(filter.body.errors).toEqual([expect.objectContaining({ field: 'flagged' })]);
    expect((await tradeOf(bed, cast.sellerTrader, pending.id)).transfer.reference).toBeNull();
  });

  it('replays a transfer submitted twice with one Idempotency-Key; a second submission without it is 409', async () => {
    const trade = await matchedTrade(bed, cast);
    await payTrade(bed, cast, trade.id);
    await untilStatus(bed, cast.sellerTrader, trade.id, 'transfer_pending');
    const key = randomUUID();
    const first = await transfer(trade.id, cast.sellerTrader)
      .set('Idempotency-Key', key)
      .send({ reference: 'ONCE' })
      .expect(200);
    const replay = await transfer(trade.id, cast.sellerTrader)
      .set('Idempotency-Key', key)
      .send({ reference: 'ONCE' })
      .expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    await transfer(trade.id, cast.sellerTrader, { reference: 'TWICE' }).expect(409);
    const detail = await untilStatus(bed, cast.buyerTrader, trade.id, 'verifying');
    expect(detail.transfer.reference).toBe('ONCE');
    expect(detail.timeline.filter((e: { status: string }) => e.status === 'transfer_submitted')).toHaveLength(
      1,
    );
  });

  it('shows parties the settlement state of GET /v1/trades/:id and operators the trade list with waiting and flags', async () => {
    const buyerView = await tradeOf(bed, cast.buyerTrader, pending.id);
    expect(buyerView).toMatchObject({
      side: 'buy',
      status: 'transfer_pending',
      payment: { status: 'succeeded' },
      transfer: { reference: null, submittedAt: null, confirmedByBuyerAt: null },
      escrow: { paidMinor: 72_000, heldMinor: 72_000, refundedMinor: 0, transfer: null, refunds: [] },
      waitingFor: null,
      dispute: null,
      providerApproval: null,
    });
    expect((await tradeOf(bed, cast.sellerTrader, pending.id)).side).toBe('sell');
    const list = await http()
      .get('/v1/admin/trades?status=transfer_pending&limit=200')
      .set(cast.operator.auth)
      .expect(200);
    expect(list.body.data.find((t: { id: string }) => t.id === pending.id)).toMatchObject({
      status: 'transfer_pending',
      sellerOrganizationId: cast.seller.organizationId,
      buyerOrganizationId: cast.buyer.organizationId,
      waitingFor: null,
      flaggedAt: null,
    });
    expect(list.body.data.every((t: { status: string }) => t.status === 'transfer_pending')).toBe(true);
  });

  it('documents every settlement route in /docs-json', async () => {
    const doc = (await http().get('/docs-json').expect(200)).body as { paths: Record<string, object> };
    for (const path of [
      '/v1/trades/{id}/transfer',
      '/v1/trades/{id}/receipt',
      '/v1/trades/{id}/disputes',
      '/v1/admin/trades',
      '/v1/admin/trades/{id}',
      '/v1/admin/trades/{id}/verification',
      '/v1/admin/trades/{id}/provider-approval',
      '/v1/admin/disputes',
      '/v1/admin/disputes/{id}/resolution',
    ]) {
      expect(doc.paths[path]).toBeDefined();
    }
  });
});
