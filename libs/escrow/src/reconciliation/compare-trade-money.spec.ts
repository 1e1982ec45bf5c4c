import type { GatewayCharge, GatewayTransfer } from '../gateway/payment-gateway';
import { compareTradeMoney } from './compare-trade-money';

const charge = (overrides: Partial<GatewayCharge> = {}): GatewayCharge => ({
  id: 'ch_1',
  paymentIntentId: 'pi_1',
  succeeded: true,
  amountCapturedMinor: 72_000n,
  amountRefundedMinor: 0n,
  currency: 'USD',
  ...overrides,
});
const transfer = (overrides: Partial<GatewayTransfer> = {}): GatewayTransfer => ({
  id: 'tr_1',
  amountMinor: 68_400n,
  amountReversedMinor: 0n,
  currency: 'USD',
  destinationAccountId: 'acct_1',
  transferGroup: 't1',
  tradeId: 't1',
  step: 'transfer',
  ...overrides,
});
const byKind = (rows: ReturnType<typeof compareTradeMoney>) =>
  Object.fromEntries(rows.map((r) => [r.kind, [r.ledgerMinor, r.providerMinor]]));

describe('compareTradeMoney', () => {
  it('agrees for a trade funded, released and paid out', () => {
    const journals = [
      { step: 'fund', amountMinor: 72_000n },
      { step: 'release', amountMinor: 72_000n },
      { step: 'payout', amountMinor: 68_400n },
    ];
    expect(byKind(compareTradeMoney(journals, [charge()], [transfer()]))).toEqual({
      payment: [72_000n, 72_000n],
      refund: [0n, 0n],
      payout: [68_400n, 68_400n],
    });
  });

  it('adds partial refunds on both sides and ignores declined charges', () => {
    const journals = [
      { step: 'fund', amountMinor: 72_000n },
      { step: 'refund:1', amountMinor: 2_000n },
      { step: 'refund:2', amountMinor: 70_000n },
    ];
    const charges = [
      charge({ id: 'ch_0', succeeded: false, amountCapturedMinor: 0n }),
      charge({ amountRefundedMinor: 72_000n }),
    ];
    expect(byKind(compareTradeMoney(journals, charges, []))).toMatchObject({
      payment: [72_000n, 72_000n],
      refund: [72_000n, 72_000n],
    });
  });

  it('shows a refund made at the provider only, and a reversed transfer, as differences', () => {
    const journals = [
      { step: 'fund', amountMinor: 72_000n },
      { step: 'payout', amountMinor: 68_400n },
    ];
    const result = byKind(
      compareTradeMoney(
        journals,
        [charge({ amountRefundedMinor: 500n })],
        [transfer({ amountReversedMinor: 400n })],
      ),
    );
    expect(result['refund']).toEqual([0n, 500n]);
    expect(result['payout']).toEqual([68_400n, 68_000n]);
  });
});
