import { randomUUID } from 'node:crypto';
import { SettlementTimeoutsUseCase } from '@carryover/settlement';
import { DataSource } from 'typeorm';
import {
  matchedTrade,
  payTrade,
  refundsOf,
  settlementCast,
  startSettlementTestbed,
  tradeOf,
  untilStatus,
  type Cast,
  type SettlementTestbed,
} from '../support/settlement-testbed';

/**
 * The sweep runs on the default windows (24 h to pay, 72 h to transfer, 24 h in any other step). Instead of
 * waiting, each test moves its own trade's clock back: the trade's match or its step began long ago. Trades
 * of other tests are recent and must be left alone.
 */
describe('settlement timeouts: payment window, transfer window, stuck steps', () => {
  let bed: SettlementTestbed;
  let cast: Cast;

  beforeAll(async () => {
    bed = await startSettlementTestbed('timeouts');
    cast = await settlementCast(bed);
  }, 60_000);
  afterAll(() => bed?.close());

  const http = () => bed.api.http;
  const db = () => bed.api.app.get(DataSource);
  const sweep = () => bed.worker!.app.get(SettlementTimeoutsUseCase).execute();
  const matchedHoursAgo = (tradeId: string, hours: number) =>
    db().query(`UPDATE trades SET executed_at = now() - make_interval(hours => $2) WHERE id = $1`, [
      tradeId,
      hours,
    ]);
  const inStepForHours = (tradeId: string, hours: number) =>
    db().query(
      `UPDATE trade_settlements SET status_entered_at = now() - make_interval(hours => $2) WHERE trade_id = $1`,
      [tradeId, hours],
    );
  const listingOf = async (listingId: string) =>
    (await http().get(`/v1/listings/${listingId}`).set(cast.sellerTrader).expect(200)).body;
  const lotOf = async (lotId: string) =>
    (await http().get(`/v1/credit-lots/${lotId}`).set(cast.sellerTrader).expect(200)).body;

  it('an unpaid trade is cancelled after the payment window: its declined intent cancelled, the quantity back on the listing', async () => {
    const trade = await matchedTrade(bed, cast);
    const fresh = await matchedTrade(bed, cast);
    const declined = await http()
      .post(`/v1/trades/${trade.id}/payment`)
      .set(cast.buyerTrader)
      .set('Idempotency-Key', randomUUID())
      .send({ paymentMethodId: 'pm_card_chargeDeclined' })
      .expect(200);
    expect(declined.body.status).toBe('failed');
    await matchedHoursAgo(trade.id, 23);
    await sweep();
    expect((await tradeOf(bed, cast.buyerTrader, trade.id)).status).toBe('awaiting_payment');

    await matchedHoursAgo(trade.id, 25);
    // The worker's own every-minute run may get there first; either way the trade is cancelled once.
    await sweep();
    const cancelled = await tradeOf(bed, cast.buyerTrader, trade.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.timeline.at(-1)).toMatchObject({
      status: 'cancelled',
      actor: 'system',
      reason: 'the payment window elapsed',
    });
    const intent = await bed.stripe.paymentIntents.retrieve(declined.body.paymentIntentId as string);
    expect(intent.status).toBe('canceled');
    expect(await listingOf(trade.listingId)).toMatchObject({
      status: 'active',
      remainingMinor: 100_000,
      filledMinor: 0,
    });
    expect(await lotOf(trade.creditLotId)).toMatchObject({ listedMinor: 100_000, soldMinor: 0 });
    // Cancelled trades cannot be paid, and the recent trade was left alone.
    await http()
      .post(`/v1/trades/${trade.id}/payment`)
      .set(cast.buyerTrader)
      .set('Idempotency-Key', randomUUID())
      .send({ paymentMethodId: 'pm_card_visa' })
      .expect(409);
    expect((await tradeOf(bed, cast.buyerTrader, fresh.id)).status).toBe('awaiting_payment');
    // A second sweep changes nothing.
    await sweep();
    expect((await tradeOf(bed, cast.buyerTrader, trade.id)).timeline).toHaveLength(2);
  });

  it('a trade whose listing is past its tradableUntil gives its quantity back to the lot instead', async () => {
    const trade = await matchedTrade(bed, cast);
    // Time passed: the listing can no longer trade (too close to the credits' expiry).
    await db().query(`UPDATE listings SET tradable_until = now() - interval '1 minute' WHERE id = $1`, [
      trade.listingId,
    ]);
    await matchedHoursAgo(trade.id, 30);
    await sweep();
    expect((await tradeOf(bed, cast.buyerTrader, trade.id)).status).toBe('cancelled');
    expect(await listingOf(trade.listingId)).toMatchObject({ status: 'filled', remainingMinor: 0 });
    expect(await lotOf(trade.creditLotId)).toMatchObject({
      listedMinor: 0,
      soldMinor: 0,
      availableMinor: 1_000_000,
    });
  });

  it('a payment that succeeded but whose webhook is late is not cancelled', async () => {
    const trade = await matchedTrade(bed, cast);
    await bed.emulator.control.webhooksIdle();
    await bed.emulator.control.dropNextWebhooks(10);
    await payTrade(bed, cast, trade.id);
    await bed.emulator.control.webhooksIdle();
    await bed.emulator.control.clearFaults();
    await matchedHoursAgo(trade.id, 25);
    await sweep();
    expect((await tradeOf(bed, cast.buyerTrader, trade.id)).status).toBe('awaiting_payment');
  });

  it('a transfer not submitted within the transfer window is refunded, and the quantity returns', async () => {
    const trade = await matchedTrade(bed, cast);
    await payTrade(bed, cast, trade.id);
    await untilStatus(bed, cast.sellerTrader, trade.id, 'transfer_pending');
    await inStepForHours(trade.id, 71);
    await sweep();
    expect((await tradeOf(bed, cast.sellerTrader, trade.id)).status).toBe('transfer_pending');

    await inStepForHours(trade.id, 73);
    await sweep();
    const refunded = await untilStatus(bed, cast.buyerTrader, trade.id, 'refunded');
    expect(refunded.timeline.find((e: { status: string }) => e.status === 'refunding')).toMatchObject({
      actor: 'system',
      reason: 'the seller did not submit the transfer within the transfer window',
    });
    expect((await refundsOf(bed, trade.id)).map((r) => r.amount)).toEqual([72_000]);
    expect(refunded.escrow).toMatchObject({ heldMinor: 0, refundedMinor: 72_000 });
    expect(await listingOf(trade.listingId)).toMatchObject({ status: 'active', remainingMinor: 100_000 });
  });

  it('a trade stuck in a step beyond its window is flagged for operators once; leaving the step clears the flag', async () => {
    const trade = await matchedTrade(bed, cast);
    await payTrade(bed, cast, trade.id);
    await untilStatus(bed, cast.sellerTrader, trade.id, 'transfer_pending');
    await http()
      .post(`/v1/trades/${trade.id}/transfer`)
      .set(cast.sellerTrader)
      .send({ reference: 'R' })
      .expect(200);
    await untilStatus(bed, cast.sellerTrader, trade.id, 'verifying');
    await inStepForHours(trade.id, 25);

    await sweep();
    const firstFlag = (await http().get(`/v1/admin/trades/${trade.id}`).set(cast.operator.auth).expect(200))
      .body.flag;
    expect(firstFlag).not.toBeNull();
    await sweep();
    const view = await http().get(`/v1/admin/trades/${trade.id}`).set(cast.operator.auth).expect(200);
    expect(view.body.flag).toEqual(firstFlag);
    const flagged = await http()
      .get('/v1/admin/trades?flagged=true&limit=200')
      .set(cast.operator.auth)
      .expect(200);
    const row = flagged.body.data.find((t: { id: string }) => t.id === trade.id);
    expect(row).toMatchObject({
      status: 'verifying',
      flagReason: expect.stringMatching(/^in verifying since /),
    });
    expect(Date.parse(row.flaggedAt)).not.toBeNaN();
    expect(view.body.flag).toMatchObject({ reason: row.flagReason });
    const unflagged = await http()
      .get('/v1/admin/trades?flagged=false&limit=200')
      .set(cast.operator.auth)
      .expect(200);
    expect(unflagged.body.data.map((t: { id: string }) => t.id)).not.toContain(trade.id);
    const audit = await http()
      .get(`/v1/admin/audit-events?entityId=${trade.id}`)
      .set(cast.operator.auth)
      .expect(200);
    expect(audit.body.data.map((e: { action: string }) => e.action)).toContain('settlement.trade_flagged');

    await http()
      .post(`/v1/admin/trades/${trade.id}/verification`)
      .set(cast.operator.auth)
      .send({ decision: 'approve', reason: 'late but fine' })
      .expect(200);
    const after = await http().get(`/v1/admin/trades/${trade.id}`).set(cast.operator.auth).expect(200);
    expect(after.body.flag).toBeNull();
    await untilStatus(bed, cast.sellerTrader, trade.id, 'settled');
  });

  it('runs as the repeatable maintenance.settlement-timeouts job on the maintenance queue', async () => {
    const { JobQueue } = await import('@carryover/jobs');
    const { getQueueToken } = await import('@nestjs/bullmq');
    const queue = bed.worker!.app.get<import('bullmq').Queue>(getQueueToken('maintenance'));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain('maintenance.settlement-timeouts');
    const trade = await matchedTrade(bed, cast);
    await matchedHoursAgo(trade.id, 48);
    const jobId = `timeouts-${randomUUID()}`;
    await bed.worker!.app.get(JobQueue).enqueue('maintenance.settlement-timeouts', {}, { jobId });
    await untilStatus(bed, cast.buyerTrader, trade.id, 'cancelled');
  });
});
