import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  enablePayouts,
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
  type SettlementTestbed,
} from '../support/settlement-testbed';
import { registerFirm } from '../factories/identity.factory';
import { verifyKyc } from '../factories/credits.factory';

describe('settlement: a trade from order to settled or refunded, through the worker and the Stripe emulator', () => {
  let bed: SettlementTestbed;
  let cast: Cast;

  beforeAll(async () => {
    bed = await startSettlementTestbed('flow');
    cast = await settlementCast(bed);
  }, 60_000);
  afterAll(() => bed?.close());

  const http = () => bed.api.http;
  const statuses = (trade: { timeline: Array<{ status: string }> }) => trade.timeline.map((e) => e.status);
  const submitTransfer = (tradeId: string, reference = `XFER-${randomUUID().slice(0, 8)}`) =>
    http().post(`/v1/trades/${tradeId}/transfer`).set(cast.sellerTrader).send({ reference, note: 'moved' });
  const verify = (tradeId: string, decision: 'approve' | 'reject', reason = 'checked the provider console') =>
    http()
      .post(`/v1/admin/trades/${tradeId}/verification`)
      .set(cast.operator.auth)
      .send({ decision, reason });
  const ledgerBalanced = async () =>
    (await http().get('/v1/admin/ledger/balances').set(cast.operator.auth).expect(200)).body
      .balanced as boolean;
  const listingOf = async (listingId: string) =>
    (await http().get(`/v1/listings/${listingId}`).set(cast.sellerTrader).expect(200)).body;
  const lotOf = async (lotId: string) =>
    (await http().get(`/v1/credit-lots/${lotId}`).set(cast.sellerTrader).expect(200)).body;

  it('order -> match -> pay -> transfer -> receipt -> approve -> settled: the seller is paid gross - fee, once, and the ledger balances', async () => {
    const trade = await matchedTrade(bed, cast);
    expect(trade.grossMinor).toBe(72_000);
    await payTrade(bed, cast, trade.id);
    const pending = await untilStatus(bed, cast.sellerTrader, trade.id, 'transfer_pending');
    expect(statuses(pending)).toEqual(['awaiting_payment', 'funded', 'transfer_pending']);
    expect(pending.escrow).toMatchObject({ paidMinor: 72_000, heldMinor: 72_000 });

    const submitted = await submitTransfer(trade.id, 'ANT-XFER-0001').expect(200);
    expect(submitted.body.status).toBe('transfer_submitted');
    expect(submitted.body.transfer).toMatchObject({ reference: 'ANT-XFER-0001', note: 'moved' });
    expect(Date.parse(submitted.body.transfer.submittedAt)).not.toBeNaN();
    await untilStatus(bed, cast.buyerTrader, trade.id, 'verifying');

    const receipt = await http().post(`/v1/trades/${trade.id}/receipt`).set(cast.buyerTrader).expect(200);
    const confirmedAt = receipt.body.transfer.confirmedByBuyerAt as string;
    expect(Date.parse(confirmedAt)).not.toBeNaN();
    const again = await http().post(`/v1/trades/${trade.id}/receipt`).set(cast.buyerTrader).expect(200);
    expect(again.body.transfer.confirmedByBuyerAt).toBe(confirmedAt);

    const approved = await verify(trade.id, 'approve').expect(200);
    expect(['releasing', 'settled']).toContain(approved.body.status);
    const settled = await untilStatus(bed, cast.buyerTrader, trade.id, 'settled');
    expect(statuses(settled)).toEqual([
      'awaiting_payment',
      'funded',
      'transfer_pending',
      'transfer_submitted',
      'verifying',
      'releasing',
      'settled',
    ]);
    const approval = settled.timeline.find((e: { status: string }) => e.status === 'releasing');
    expect(approval).toMatchObject({ actor: 'operator', reason: 'checked the provider console' });

    // One transfer of gross - fee to the seller's connected account, and the journals that match it.
    const transfers = await transfersOf(bed, trade.id);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ amount: 72_000 - 3_600, currency: 'usd' });
    const [account] = (await bed.stripe.accounts.list({ limit: 100 })).data.filter(
      (a) => a.metadata?.['organizationId'] === cast.seller.organizationId,
    );
    expect(transfers[0]?.destination).toBe(account?.id);
    expect(settled.escrow).toMatchObject({
      paidMinor: 72_000,
      heldMinor: 0,
      releasedMinor: 72_000,
      feeMinor: 3_600,
      paidOutMinor: 68_400,
      refundedMinor: 0,
      transfer: { transferId: transfers[0]?.id, amountMinor: 68_400 },
    });
    expect(await ledgerOf(bed, trade.id)).toEqual([
      { step: 'fund', amountMinor: 72_000, net: 0 },
      { step: 'release', amountMinor: 72_000, net: 0 },
      { step: 'payout', amountMinor: 68_400, net: 0 },
    ]);
    expect(await ledgerBalanced()).toBe(true);

    const view = await http().get(`/v1/admin/trades/${trade.id}`).set(cast.operator.auth).expect(200);
    expect(view.body).toMatchObject({
      status: 'settled',
      seller: { id: cast.seller.organizationId, legalEntityName: expect.any(String) },
      buyer: { id: cast.buyer.organizationId },
      provider: { code: trade.providerCode },
      transfer: { reference: 'ANT-XFER-0001', confirmedByBuyerAt: confirmedAt },
      compliance: { outcome: 'pass', policyVersion: 1 },
      ledger: { balances: { escrow_held: 0, seller_payable: 0, fee_revenue: 3_600 } },
      waitingFor: null,
      flag: null,
    });
    expect(view.body.ledger.journals.map((j: { step: string }) => j.step)).toEqual([
      'fund',
      'release',
      'payout',
    ]);
  });

  it('matching announces trade.matched for the fill and order.filled for the completed order, through the outbox', async () => {
    const trade = await matchedTrade(bed, cast);
    const rows = (await bed.api.app.get(DataSource).query(
      `SELECT name, payload FROM outbox_events
        WHERE payload->>'tradeId' = $1 OR (name = 'order.filled' AND payload->>'orderId' = $2)
        ORDER BY occurred_at, id`,
      [trade.id, trade.orderId],
    )) as Array<{ name: string; payload: Record<string, unknown> }>;
    expect(rows).toEqual([
      {
        name: 'trade.matched',
        payload: expect.objectContaining({
          tradeId: trade.id,
          status: 'awaiting_payment',
          previousStatus: null,
          buyerOrganizationId: cast.buyer.organizationId,
          sellerOrganizationId: cast.seller.organizationId,
          grossMinor: '72000',
        }),
      },
      {
        name: 'order.filled',
        payload: { orderId: trade.orderId, organizationId: cast.buyer.organizationId },
      },
    ]);
  });

  it('with a policy requiring the provider’s approval: waits in awaiting_provider_approval until the operator records it', async () => {
    const trade = await matchedTrade(bed, cast, { policy: { resale: 'approval_required' } });
    await payTrade(bed, cast, trade.id);
    const waiting = await untilStatus(bed, cast.sellerTrader, trade.id, 'awaiting_provider_approval');
    expect(waiting.requiresProviderApproval).toBe(true);
    // The transfer may not start before the provider approves.
    expect((await submitTransfer(trade.id).expect(409)).body).toMatchObject({
      code: 'invalid_transition',
      from: 'awaiting_provider_approval',
      to: 'transfer_submitted',
    });

    const approved = await http()
      .post(`/v1/admin/trades/${trade.id}/provider-approval`)
      .set(cast.operator.auth)
      .send({ decision: 'approved', reference: 'PROV-APPROVAL-17' })
      .expect(200);
    expect(approved.body).toMatchObject({
      status: 'transfer_pending',
      providerApproval: { decision: 'approved', reference: 'PROV-APPROVAL-17' },
    });
    await submitTransfer(trade.id).expect(200);
    await untilStatus(bed, cast.sellerTrader, trade.id, 'verifying');
    await verify(trade.id, 'approve').expect(200);
    const settled = await untilStatus(bed, cast.sellerTrader, trade.id, 'settled');
    expect(statuses(settled)).toEqual([
      'awaiting_payment',
      'funded',
      'awaiting_provider_approval',
      'transfer_pending',
      'transfer_submitted',
      'verifying',
      'releasing',
      'settled',
    ]);
    expect((await transfersOf(bed, trade.id)).map((t) => t.amount)).toEqual([68_400]);
    expect(await ledgerBalanced()).toBe(true);
  });

  it('the provider denies: refunded in full, and the quantity goes back to the listing', async () => {
    const trade = await matchedTrade(bed, cast, { policy: { resale: 'approval_required' } });
    await payTrade(bed, cast, trade.id);
    await untilStatus(bed, cast.sellerTrader, trade.id, 'awaiting_provider_approval');
    await http()
      .post(`/v1/admin/trades/${trade.id}/provider-approval`)
      .set(cast.operator.auth)
      .send({ decision: 'denied', reference: 'PROV-DENIED-3' })
      .expect(200);
    const refunded = await untilStatus(bed, cast.buyerTrader, trade.id, 'refunded');
    expect(refunded.escrow).toMatchObject({ heldMinor: 0, refundedMinor: 72_000 });
    expect((await refundsOf(bed, trade.id)).map((r) => r.amount)).toEqual([72_000]);
    expect(await listingOf(trade.listingId)).toMatchObject({ status: 'active', remainingMinor: 100_000 });
  });

  it('operator rejects the transfer: verifying -> refunding -> refunded, one refund of the gross, the quantity back', async () => {
    const trade = await matchedTrade(bed, cast);
    expect(await listingOf(trade.listingId)).toMatchObject({ status: 'filled', remainingMinor: 0 });
    expect(await lotOf(trade.creditLotId)).toMatchObject({ listedMinor: 0, soldMinor: 100_000 });
    await payTrade(bed, cast, trade.id);
    await untilStatus(bed, cast.sellerTrader, trade.id, 'transfer_pending');
    await submitTransfer(trade.id).expect(200);
    await untilStatus(bed, cast.sellerTrader, trade.id, 'verifying');

    const rejected = await verify(trade.id, 'reject', 'the reference does not exist at the provider').expect(
      200,
    );
    expect(['refunding', 'refunded']).toContain(rejected.body.status);
    const refunded = await untilStatus(bed, cast.buyerTrader, trade.id, 'refunded');
    expect(refunded.timeline.find((e: { status: string }) => e.status === 'refunding')).toMatchObject({
      actor: 'operator',
      reason: 'the reference does not exist at the provider',
    });
    expect(refunded.escrow).toMatchObject({
      paidMinor: 72_000,
      heldMinor: 0,
      refundedMinor: 72_000,
      paidOutMinor: 0,
    });
    expect((await refundsOf(bed, trade.id)).map((r) => r.amount)).toEqual([72_000]);
    expect(await transfersOf(bed, trade.id)).toHaveLength(0);
    expect(await ledgerOf(bed, trade.id)).toEqual([
      { step: 'fund', amountMinor: 72_000, net: 0 },
      { step: 'refund', amountMinor: 72_000, net: 0 },
    ]);
    expect(await ledgerBalanced()).toBe(true);
    // The listing is tradable again with the whole quantity; the lot's sold credit is listed again.
    expect(await listingOf(trade.listingId)).toMatchObject({
      status: 'active',
      remainingMinor: 100_000,
      filledMinor: 0,
    });
    expect(await lotOf(trade.creditLotId)).toMatchObject({ listedMinor: 100_000, soldMinor: 0 });
  });

  it('a seller without payouts: the release waits (waitingFor seller_payouts_not_enabled) and resumes once they are enabled', async () => {
    const seller = await registerFirm(http());
    await verifyKyc(bed.api, cast.operator.auth, seller.organizationId);
    const noPayouts: Cast = { ...cast, seller, sellerTrader: seller.auth };
    const trade = await matchedTrade(bed, noPayouts);
    await payTrade(bed, noPayouts, trade.id);
    await untilStatus(bed, seller.auth, trade.id, 'transfer_pending');
    await http()
      .post(`/v1/trades/${trade.id}/transfer`)
      .set(seller.auth)
      .send({ reference: 'X-1' })
      .expect(200);
    await untilStatus(bed, seller.auth, trade.id, 'verifying');
    await verify(trade.id, 'approve').expect(200);

    const waiting = await untilStatus(bed, seller.auth, trade.id, 'releasing');
    const blocked = await eventuallyWaiting(trade.id, seller.auth);
    expect(blocked).toMatchObject({ status: 'releasing', waitingFor: 'seller_payouts_not_enabled' });
    expect(waiting.escrow.heldMinor).toBe(72_000);
    expect(await transfersOf(bed, trade.id)).toHaveLength(0);
    const listed = await http().get('/v1/admin/trades?status=releasing').set(cast.operator.auth).expect(200);
    expect(listed.body.data.find((t: { id: string }) => t.id === trade.id)).toMatchObject({
      waitingFor: 'seller_payouts_not_enabled',
    });

    await enablePayouts(bed, seller.auth);
    const settled = await untilStatus(bed, seller.auth, trade.id, 'settled');
    expect(settled.waitingFor).toBeNull();
    expect((await transfersOf(bed, trade.id)).map((t) => t.amount)).toEqual([68_400]);
    expect(await ledgerBalanced()).toBe(true);
  });

  it('a Stripe outage during the release shows as payment_provider_unavailable; retries settle it once Stripe is back', async () => {
    const trade = await matchedTrade(bed, cast);
    await payTrade(bed, cast, trade.id);
    await untilStatus(bed, cast.sellerTrader, trade.id, 'transfer_pending');
    await submitTransfer(trade.id).expect(200);
    await untilStatus(bed, cast.sellerTrader, trade.id, 'verifying');
    await bed.emulator.control.failNext(1_000, { method: 'POST', path: '/v1/transfers' });
    try {
      await verify(trade.id, 'approve').expect(200);
      const waiting = await eventuallyWaiting(trade.id, cast.sellerTrader);
      expect(waiting).toMatchObject({ status: 'releasing', waitingFor: 'payment_provider_unavailable' });
    } finally {
      await bed.emulator.control.clearFaults();
    }
    const settled = await untilStatus(bed, cast.sellerTrader, trade.id, 'settled', 30_000);
    expect(settled.waitingFor).toBeNull();
    expect((await transfersOf(bed, trade.id)).map((t) => t.amount)).toEqual([68_400]);
    expect(await ledgerBalanced()).toBe(true);
  });

  it('compliance is checked again before release: a block is 422 and keeps the trade verifying', async () => {
    const trade = await matchedTrade(bed, cast);
    await payTrade(bed, cast, trade.id);
    await untilStatus(bed, cast.sellerTrader, trade.id, 'transfer_pending');
    await submitTransfer(trade.id).expect(200);
    await untilStatus(bed, cast.sellerTrader, trade.id, 'verifying');
    // The provider has since prohibited resale.
    await bed.api.app.get(DataSource).query(
      `INSERT INTO provider_policies (provider_code, version, resale, transfer_methods, min_days_to_expiry,
           resaleable_sources, buyer_same_legal_entity_only, buyer_regions, max_lot_face_value_minor, notes, source_url)
         SELECT provider_code, 2, 'prohibited', transfer_methods, min_days_to_expiry, resaleable_sources,
                buyer_same_legal_entity_only, buyer_regions, max_lot_face_value_minor, 'resale stopped', source_url
           FROM provider_policies WHERE provider_code = $1 AND version = 1`,
      [trade.providerCode],
    );

    const blocked = await verify(trade.id, 'approve').expect(422);
    expect(blocked.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(blocked.body).toMatchObject({
      code: 'compliance_blocked',
      compliance: {
        outcome: 'block',
        policyVersion: 2,
        checks: [{ rule: 'resale_prohibited', outcome: 'block' }],
      },
    });
    const still = await tradeOf(bed, cast.operator.auth, trade.id);
    expect(still).toMatchObject({ status: 'verifying', waitingFor: 'compliance_blocked' });
    const view = await http().get(`/v1/admin/trades/${trade.id}`).set(cast.operator.auth).expect(200);
    expect(view.body.compliance).toMatchObject({ outcome: 'block', policyVersion: 2 });
    expect(await transfersOf(bed, trade.id)).toHaveLength(0);
    expect(still.escrow.heldMinor).toBe(72_000);
  });

  async function eventuallyWaiting(tradeId: string, auth: { Authorization: string }) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const trade = await tradeOf(bed, auth, tradeId);
      if (trade.waitingFor !== null) return trade;
      if (Date.now() > deadline) throw new Error(`trade ${tradeId} never waited`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
});
