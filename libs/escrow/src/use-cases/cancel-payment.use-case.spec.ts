import type { DataSource, EntityManager } from 'typeorm';
import type { AuditService } from '@carryover/audit';
import { SystemClock } from '@carryover/shared';
import { PaymentRequestRejectedError, type PaymentGateway } from '../gateway/payment-gateway';
import type { TradePaymentEntity } from '../payments/trade-payment.entity';
import type { TradePaymentRepository } from '../payments/trade-payment.repository';
import { PaymentAlreadySucceededError } from '../settlement/settlement.errors';
import { CancelPaymentUseCase } from './cancel-payment.use-case';

function setup(payment: Partial<TradePaymentEntity> | null, providerStatus = 'requires_payment_method') {
  const gateway = {
    retrievePaymentIntent: jest.fn().mockResolvedValue({ id: 'pi_1', status: providerStatus }),
    cancelPaymentIntent: jest.fn().mockResolvedValue({ id: 'pi_1', status: 'canceled' }),
  };
  const payments = {
    find: jest.fn().mockResolvedValue(payment ? { paymentIntentId: 'pi_1', ...payment } : null),
    markCanceled: jest.fn().mockResolvedValue(true),
  };
  const audit = { append: jest.fn() };
  const useCase = new CancelPaymentUseCase(
    {
      transaction: (work: (m: EntityManager) => unknown) => work({} as EntityManager),
    } as unknown as DataSource,
    gateway as unknown as PaymentGateway,
    payments as unknown as TradePaymentRepository,
    audit as unknown as AuditService,
    new SystemClock(),
  );
  return { useCase, gateway, payments, audit };
}

describe('CancelPaymentUseCase', () => {
  it('cancels an open intent and records it once', async () => {
    const { useCase, gateway, payments, audit } = setup({ status: 'failed' });
    await useCase.execute('t1');
    expect(gateway.cancelPaymentIntent).toHaveBeenCalledWith('t1', 'pi_1');
    expect(payments.markCanceled).toHaveBeenCalledWith(expect.anything(), 't1', 'pi_1', expect.any(Date));
    expect(audit.append).toHaveBeenCalledTimes(1);
  });

  it('does nothing without an intent, or once cancelled', async () => {
    for (const payment of [null, { paymentIntentId: null }, { status: 'canceled' as const }]) {
      const { useCase, gateway } = setup(payment);
      await useCase.execute('t1');
      expect(gateway.retrievePaymentIntent).not.toHaveBeenCalled();
    }
    const already = setup({ status: 'processing' }, 'canceled');
    await already.useCase.execute('t1');
    expect(already.gateway.cancelPaymentIntent).not.toHaveBeenCalled();
    expect(already.payments.markCanceled).toHaveBeenCalled();
  });

  it('refuses a payment that succeeded, recorded or only at the provider', async () => {
    await expect(setup({ status: 'succeeded' }).useCase.execute('t1')).rejects.toBeInstanceOf(
      PaymentAlreadySucceededError,
    );
    const unrecorded = setup({ status: 'processing' }, 'succeeded');
    await expect(unrecorded.useCase.execute('t1')).rejects.toMatchObject({
      code: 'payment_already_succeeded',
    });
    expect(unrecorded.payments.markCanceled).not.toHaveBeenCalled();
  });

  it('looks again when the cancel is refused, because the payment may just have succeeded', async () => {
    const { useCase, gateway, payments } = setup({ status: 'processing' });
    gateway.cancelPaymentIntent.mockRejectedValue(
      new PaymentRequestRejectedError('payment_cancel_rejected', 'no'),
    );
    gateway.retrievePaymentIntent
      .mockResolvedValueOnce({ id: 'pi_1', status: 'processing' })
      .mockResolvedValueOnce({ id: 'pi_1', status: 'succeeded' });
    await expect(useCase.execute('t1')).rejects.toBeInstanceOf(PaymentAlreadySucceededError);
    expect(payments.markCanceled).not.toHaveBeenCalled();
  });
});
