import { Injectable } from '@nestjs/common';
import { toPaymentState, type PaymentState } from './payment-state';
import { TradePaymentRepository } from './trade-payment.repository';

/** A trade's payment state for reads; the caller has already checked the trade is visible. */
@Injectable()
export class PaymentQueryService {
  constructor(private readonly payments: TradePaymentRepository) {}

  async forTrade(tradeId: string): Promise<PaymentState> {
    return toPaymentState(await this.payments.find(tradeId));
  }
}
