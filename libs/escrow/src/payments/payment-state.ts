import type { PaymentError } from '../gateway/payment-gateway';
import type { PaymentStatus, TradePaymentEntity } from './trade-payment.entity';

/** A trade's escrow payment as its buyer and seller see it. */
export interface PaymentState {
  status: PaymentStatus;
  paymentIntentId: string | null;
  /** Only where the provider has just given it (the pay call), never read back from storage. */
  clientSecret: string | null;
  attempts: number;
  lastError: PaymentError | null;
}

export const NO_PAYMENT: PaymentState = {
  status: 'requires_payment',
  paymentIntentId: null,
  clientSecret: null,
  attempts: 0,
  lastError: null,
};

export function toPaymentState(
  row: TradePaymentEntity | null,
  clientSecret: string | null = null,
): PaymentState {
  if (!row) return NO_PAYMENT;
  return {
    status: row.status,
    paymentIntentId: row.paymentIntentId,
    clientSecret,
    attempts: row.attempts,
    lastError:
      row.lastErrorCode === null ? null : { code: row.lastErrorCode, message: row.lastErrorMessage ?? '' },
  };
}
