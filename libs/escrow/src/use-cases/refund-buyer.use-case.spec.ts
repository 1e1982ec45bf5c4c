import type { DataSource, EntityManager } from 'typeorm';
import type { AuditService } from '@carryover/audit';
import { SystemClock } from '@carryover/shared';
import type { PaymentGateway } from '../gateway/payment-gateway';
import type { TradePaymentRepository } from '../payments/trade-payment.repository';
import type { SettlementMoneyTrade } from '../settlement/settlement.types';
import type { TradeRefundEntity } from '../settlement/trade-refund.entity';
import type { TradeRefundRepository } from '../settlement/trade-refund.repository';
import { RefundBuyerUseCase } from './refund-buyer.use-case';

const trade = { id: 't1', currency: 'USD', grossMinor: 72_000n } as SettlementMoneyTrade;

function setup(
  options: { paid?: boolean; others?: bigint; existing?: Partial<TradeRefundEntity> | null } = {},
) {
  const payment = { amountMinor: 72_000n, currency: 'USD', paymentIntentId: 'pi_1' };
  const gateway = {
    createRefund: jest.fn().mockResolvedValue({ id: 're_1' }),
    listRefunds: jest.fn().mockResolvedValue([]),
  };
  const refunds = {
    find: jest.fn().mockResolvedValue(options.existing ?? null),
    claimedByOthers: jest.fn().mockResolvedValue(options.others ?? 0n),
    begin: jest.fn(async (_m: EntityManager, r: { amountMinor: bigint }) => ({
      row: { stripeRefundId: null, paymentIntentId: 'pi_1', ...r, ...options.existing },
      created: !options.existing,
    })),
    recordCreated: jest.fn(),
    recordFailure: jest.fn(),
  };
  const manager = {} as EntityManager;
  const useCase = new RefundBuyerUseCase(
    { transaction: (work: (m: EntityManager) => unknown) => work(manager) } as unknown as DataSource,
    gateway as unknown as PaymentGateway,
    {
      lockSucceeded: jest.fn().mockResolvedValue(options.paid === false ? null : payment),
    } as unknown as TradePaymentRepository,
    refunds as unknown as TradeRefundRepository,
    { append: jest.fn() } as unknown as AuditService,
    new SystemClock(),
  );
  return { useCase, gateway, refunds };
}

describe('RefundBuyerUseCase', () => {
  it('refunds the amount against the trade’s payment intent as the given step', async () => {
    const { useCase, gateway, refunds } = setup();
    expect(await useCase.execute(trade, 2_000n, 'refund:1')).toEqual({ refundId: 're_1' });
    expect(gateway.createRefund).toHaveBeenCalledWith({
      tradeId: 't1',
      step: 'refund:1',
      paymentIntentId: 'pi_1',
      amountMinor: 2_000n,
    });
    expect(refunds.recordCreated).toHaveBeenCalledWith(
      expect.anything(),
      't1',
      'refund:1',
      're_1',
      expect.any(Date),
    );
  });

  it.each([
    [0n, 'refund', 'amountMinor'],
    [5n, 'release', 'step'],
    [5n, 'refund:0', 'step'],
  ])('refuses amount %p with step %p naming %s', async (amount, step, field) => {
    const { useCase, refunds } = setup();
    await expect(useCase.execute(trade, amount, step)).rejects.toMatchObject({
      code: 'validation_failed',
      errors: [expect.objectContaining({ field })],
    });
    expect(refunds.begin).not.toHaveBeenCalled();
  });

  it('needs a succeeded payment and never refunds more than it', async () => {
    await expect(setup({ paid: false }).useCase.execute(trade, 1n, 'refund')).rejects.toMatchObject({
      code: 'payment_not_succeeded',
    });
    const over = setup({ others: 70_001n });
    await expect(over.useCase.execute(trade, 2_000n, 'refund:2')).rejects.toMatchObject({
      code: 'refund_exceeds_payment',
    });
    expect(over.gateway.createRefund).not.toHaveBeenCalled();
  });

  it('replays a made refund, looks for an unrecorded one, and refuses another amount for the step', async () => {
    const done = setup({ existing: { amountMinor: 2_000n, stripeRefundId: 're_0' } });
    expect(await done.useCase.execute(trade, 2_000n, 'refund:1')).toEqual({ refundId: 're_0' });
    expect(done.gateway.createRefund).not.toHaveBeenCalled();

    const lost = setup({ existing: { amountMinor: 2_000n } });
    lost.gateway.listRefunds.mockResolvedValue([{ id: 're_lost', tradeId: 't1', step: 'refund:1' }]);
    expect(await lost.useCase.execute(trade, 2_000n, 'refund:1')).toEqual({ refundId: 're_lost' });
    expect(lost.gateway.createRefund).not.toHaveBeenCalled();

    const other = setup({ existing: { amountMinor: 1_000n } });
    await expect(other.useCase.execute(trade, 2_000n, 'refund:1')).rejects.toMatchObject({
      code: 'refund_amount_conflict',
    });
  });
});
