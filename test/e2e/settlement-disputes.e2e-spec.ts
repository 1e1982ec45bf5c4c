import { randomUUID } from 'node:crypto';
import { addMember } from '../factories/identity.factory';
import {
  ledgerOf,
  matchedTrade,
  payTrade,
  refundsOf,
  settlementCast,
  startSettlementTestbed,
  tradeOf,
  transfersOf,
  untilStatus,
  type Cast,
  type MatchedTrade,
  type SettlementTestbed,
} from '../support/settlement-testbed';

describe('settlement: disputes freeze a trade until an operator releases, refunds or partly refunds it', () => {
  let bed: SettlementTestbed;
  let cast: Cast;

  beforeAll(async () => {
    bed = await startSettlementTestbed('disputes');
    cast = await settlementCast(bed);
  }, 60_000);
  afterAll(() => bed?.close());

  const http = () => bed.api.http;
  const openDispute = (
    tradeId: string,
    auth: { Authorization: string },
    reason = 'the credits never arrived',
  ) =>
    http()
      .post(`/v1/trades/${tradeId}/disputes`)
      .set(auth)
      .set('Idempotency-Key', randomUUID())
      .send({ reason });
  const resolve = (disputeId: string, body: Record<string, unknown>) =>
    http().post(`/v1/admin/disputes/${disputeId}/resolution`).set(cast.operator.auth).send(body);
  const ledgerBalanced = async () =>
    (await http().get('/v1/admin/ledger/balances').set(cast.operator.auth).expect(200)).body
      .balanced as boolean;

  /** A paid trade the seller has reported as transferred, waiting for the operator. */
  async function verifyingTrade(): Promise<MatchedTrade> {
    const trade = await matchedTrade(bed, cast);
    await payTrade(bed, cast, trade.id);
    await untilStatus(bed, cast.sellerTrader, trade.id, 'transfer_pending');
    await http()
      .post(`/v1/trades/${trade.id}/transfer`)
      .set(cast.sellerTrader)
      .send({ reference: 'R-1' })
      .expect(200);
    await untilStatus(bed, cast.sellerTrader, trade.id, 'verifying');
    return trade;
  }

  it('dispute -> partial refund: the buyer gets refundMinor back, the seller the rest less the fee on it, the ledger balances', async () => {
    const trade = await verifyingTrade();
    const opened = await openDispute(trade.id, cast.buyerTrader).expect(201);
    expect(opened.body).toMatchObject({
      tradeId: trade.id,
      status: 'open',
      openedBy: { organizationId: cast.buyer.organizationId, side: 'buy' },
      reason: 'the credits never arrived',
      frozenStatus: 'verifying',
      outcome: null,
    });
    const frozen = await tradeOf(bed, cast.sellerTrader, trade.id);
    expect(frozen).toMatchObject({ status: 'disputed', dispute: { id: opened.body.id, status: 'open' } });
    // Frozen: the operator's verification and a second dispute are refused.
    const verification = await http()
      .post(`/v1/admin/trades/${trade.id}/verification`)
      .set(cast.operator.auth)
      .send({ decision: 'approve', reason: 'looks fine' })
      .expect(409);
    expect(verification.body).toMatchObject({ code: 'invalid_transition', from: 'disputed' });
    await openDispute(trade.id, cast.sellerTrader).expect(409);

    const queue = await http()
      .get('/v1/admin/disputes?status=open&limit=200')
      .set(cast.operator.auth)
      .expect(200);
    expect(queue.body.data.map((d: { id: string }) => d.id)).toContain(opened.body.id);

    const resolved = await resolve(opened.body.id, {
      outcome: 'partial_refund',
      refundMinor: 20_000,
      reason: 'part of the credit was delivered',
    }).expect(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      outcome: 'partial_refund',
      refundMinor: 20_000,
      resolvedByUserId: cast.operator.id,
      resolutionReason: 'part of the credit was delivered',
    });
    const settled = await untilStatus(bed, cast.buyerTrader, trade.id, 'partially_refunded');

    // 72,000 gross: 20,000 back to the buyer; 52,000 released with a 5% fee of 2,600, so 49,400 to the seller.
    expect((await refundsOf(bed, trade.id)).map((r) => r.amount)).toEqual([20_000]);
    expect((await transfersOf(bed, trade.id)).map((t) => t.amount)).toEqual([49_400]);
    expect(settled.escrow).toMatchObject({
      paidMinor: 72_000,
      heldMinor: 0,
      refundedMinor: 20_000,
      releasedMinor: 52_000,
      feeMinor: 2_600,
      paidOutMinor: 49_400,
    });
    expect(20_000 + 2_600 + 49_400).toBe(trade.grossMinor);
    expect(await ledgerOf(bed, trade.id)).toEqual([
      { step: 'fund', amountMinor: 72_000, net: 0 },
      { step: 'refund', amountMinor: 20_000, net: 0 },
      { step: 'release', amountMinor: 52_000, net: 0 },
      { step: 'payout', amountMinor: 49_400, net: 0 },
    ]);
    expect(await ledgerBalanced()).toBe(true);
    expect(settled.timeline.map((e: { status: string }) => e.status).slice(-2)).toEqual([
      'disputed',
      'partially_refunded',
    ]);

    const again = await resolve(opened.body.id, { outcome: 'refund', reason: 'changed my mind' }).expect(409);
    expect(again.body.code).toBe('dispute_resolved');
    const closed = await http()
      .get('/v1/admin/disputes?status=open&limit=200')
      .set(cast.operator.auth)
      .expect(200);
    expect(closed.body.data.map((d: { id: string }) => d.id)).not.toContain(opened.body.id);
  });

  it('the seller disputes before transferring; resolved as a refund: refunded in full, the quantity back on the listing', async () => {
    const trade = await matchedTrade(bed, cast);
    await payTrade(bed, cast, trade.id);
    await untilStatus(bed, cast.sellerTrader, trade.id, 'transfer_pending');
    const opened = await openDispute(
      trade.id,
      cast.sellerTrader,
      'the buyer’s account cannot receive credit',
    ).expect(201);
    expect(opened.body).toMatchObject({ openedBy: { side: 'sell' }, frozenStatus: 'transfer_pending' });
    // The seller cannot submit the transfer of a frozen trade.
    await http()
      .post(`/v1/trades/${trade.id}/transfer`)
      .set(cast.sellerTrader)
      .send({ reference: 'X' })
      .expect(409);

    await resolve(opened.body.id, { outcome: 'refund', reason: 'no way to deliver' }).expect(200);
    const refunded = await untilStatus(bed, cast.buyerTrader, trade.id, 'refunded');
    expect(refunded.escrow).toMatchObject({ heldMinor: 0, refundedMinor: 72_000, paidOutMinor: 0 });
    expect((await refundsOf(bed, trade.id)).map((r) => r.amount)).toEqual([72_000]);
    const listing = await http().get(`/v1/listings/${trade.listingId}`).set(cast.sellerTrader).expect(200);
    expect(listing.body).toMatchObject({ status: 'active', remainingMinor: 100_000 });
    expect(await ledgerBalanced()).toBe(true);
  });

  it('resolved as a release: disputed -> releasing -> settled, the seller paid gross - fee', async () => {
    const trade = await verifyingTrade();
    const opened = await openDispute(trade.id, cast.buyerTrader).expect(201);
    await resolve(opened.body.id, {
      outcome: 'release',
      reason: 'the provider confirms the transfer',
    }).expect(200);
    const settled = await untilStatus(bed, cast.buyerTrader, trade.id, 'settled');
    expect(settled.timeline.map((e: { status: string }) => e.status).slice(-3)).toEqual([
      'disputed',
      'releasing',
      'settled',
    ]);
    expect((await transfersOf(bed, trade.id)).map((t) => t.amount)).toEqual([68_400]);
    expect(await ledgerBalanced()).toBe(true);
  });

  it('refuses resolutions whose amounts do not fit, naming refundMinor, and changes nothing', async () => {
    const trade = await verifyingTrade();
    const opened = await openDispute(trade.id, cast.buyerTrader).expect(201);
    const missing = await resolve(opened.body.id, { outcome: 'partial_refund', reason: 'half' }).expect(400);
    expect(missing.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'refundMinor' }] });
    const whole = await resolve(opened.body.id, {
      outcome: 'partial_refund',
      refundMinor: trade.grossMinor,
      reason: 'all of it',
    }).expect(422);
    expect(whole.body).toMatchObject({ code: 'refund_exceeds_gross', errors: [{ field: 'refundMinor' }] });
    const stray = await resolve(opened.body.id, { outcome: 'refund', refundMinor: 10, reason: 'x' }).expect(
      400,
    );
    expect(stray.body.errors).toEqual([expect.objectContaining({ field: 'refundMinor' })]);
    const zero = await resolve(opened.body.id, {
      outcome: 'partial_refund',
      refundMinor: 0,
      reason: 'x',
    }).expect(400);
    expect(zero.body.errors).toEqual([expect.objectContaining({ field: 'refundMinor' })]);
    const blank = await resolve(opened.body.id, { outcome: 'refund', reason: '   ' }).expect(400);
    expect(blank.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    await resolve(opened.body.id, { outcome: 'maybe', reason: 'x' }).expect(400);

    const unchanged = await tradeOf(bed, cast.operator.auth, trade.id);
    expect(unchanged).toMatchObject({ status: 'disputed', dispute: { status: 'open', outcome: null } });
    await resolve(randomUUID(), { outcome: 'refund', reason: 'x' }).expect(404);
  });

  it('is for the trade’s traders only: another firm 404, a viewer 403, an operator 403; unpaid or settled trades 409', async () => {
    const trade = await matchedTrade(bed, cast);
    // Awaiting payment: nothing to dispute yet.
    expect((await openDispute(trade.id, cast.buyerTrader).expect(409)).body).toMatchObject({
      code: 'invalid_transition',
      from: 'awaiting_payment',
      to: 'disputed',
    });
    await payTrade(bed, cast, trade.id);
    await untilStatus(bed, cast.buyerTrader, trade.id, 'transfer_pending');
    const outsider = await settlementCast(bed, { payouts: false });
    await openDispute(trade.id, outsider.buyerTrader).expect(404);
    await openDispute(trade.id, cast.buyerViewer).expect(403);
    await openDispute(trade.id, cast.operator.auth).expect(403);
    await openDispute(trade.id, {} as { Authorization: string }).expect(401);
    const blank = await http()
      .post(`/v1/trades/${trade.id}/disputes`)
      .set(cast.buyerTrader)
      .send({ reason: ' ' });
    expect(blank.status).toBe(400);
    expect((await tradeOf(bed, cast.buyerTrader, trade.id)).status).toBe('transfer_pending');
    // An organisation admin is a trader too.
    const admin = await addMember(http(), cast.buyer, 'org_admin');
    await openDispute(trade.id, admin.auth).expect(201);
    await http().get('/v1/admin/disputes').set(cast.buyerTrader).expect(403);
  });
});
