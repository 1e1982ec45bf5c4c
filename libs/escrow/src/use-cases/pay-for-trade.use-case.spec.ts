import type { DataSource, EntityManager } from 'typeorm';
import type { AuditService } from '@carryover/audit';
import type { Actor } from '@carryover/identity';
import { SystemClock } from '@carryover/shared';
import type { PaymentGateway } from '../gateway/payment-gateway';
import type { EscrowTrade, EscrowTradeRepository } from '../payments/escrow-trade.repository';
import type { TradePaymentEntity } from '../payments/trade-payment.entity';
import type { TradePaymentRepository } from '../payments/trade-payment.repository';
import { PayForTradeUseCase } from './pay-for-trade.use-case';

const trade: EscrowTrade = {
  id: 't1',
  status: 'awaiting_payment',
  buyerOrganizationId: 'buyer',
  sellerOrganizationId: 'seller',
  grossMinor: 72_000n,
  currency: 'USD',
};
const actor = (organizationId: string): Actor => ({
  kind: 'user',
  userId: 'u1',
  apiKeyId: null,
  organizationId,
  role: 'trader',
});

function setup(payment: Partial<TradePaymentEntity>, tradeRow: EscrowTrade | null = trade) {
  const row = {
    status: 'requires_payment',
    attempts: 0,
    paymentIntentId: null,
    ...payment,
  } as TradePaymentEntity;
  const createPaymentIntent = jest.fn().mockResolvedValue({
    kind: 'accepted',
    intent: { id: 'pi_1', clientSecret: 'pi_1_secret' },
  });
  const manager = { queryRunner: { isTransactionActive: true } } as unknown as EntityManager;
  const useCase = new PayForTradeUseCase(
    { transaction: (work: (m: EntityManager) => unknown) => work(manager) } as unknown as DataSource,
    { lock: jest.fn().mockResolvedValue(tradeRow) } as unknown as EscrowTradeRepository,
    {
      lockOrCreate: jest.fn().mockResolvedValue(row),
      find: jest.fn().mockResolvedValue(row),
      recordAccepted: jest.fn(),
      recordDeclined: jest.fn(),
    } as unknown as TradePaymentRepository,
    { createPaymentIntent } as unknown as PaymentGateway,
    { append: jest.fn() } as unknown as AuditService,
    new SystemClock(),
  );
  return { useCase, createPaymentIntent };
}

describe('PayForTradeUseCase', () => {
  it('uses attempt 1 first, and the same attempt again until a decline is recorded', async () => {
    const { useCase, createPaymentIntent } = setup({});
    await useCase.execute(actor('buyer'), 't1', 'pm_card_visa');
    expect(createPaymentIntent).toHaveBeenCalledWith(trade, 'pm_card_visa', 1);
  });

  it('moves to the next attempt after a decline', async () => {
    const { useCase, createPaymentIntent } = setup({ status: 'failed', attempts: 2 });
    await useCase.execute(actor('buyer'), 't1', 'pm_card_visa');
    expect(createPaymentIntent).toHaveBeenCalledWith(trade, 'pm_card_visa', 3);
  });

  it('hides the trade from other organisations, refuses the seller, and needs awaiting_payment', async () => {
    await expect(setup({}).useCase.execute(actor('other'), 't1', 'pm_x')).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(setup({}).useCase.execute(actor('seller'), 't1', 'pm_x')).rejects.toMatchObject({
      code: 'not_trade_buyer',
    });
    const funded = setup({}, { ...trade, status: 'funded' });
    await expect(funded.useCase.execute(actor('buyer'), 't1', 'pm_x')).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    expect(funded.createPaymentIntent).not.toHaveBeenCalled();
  });
});
