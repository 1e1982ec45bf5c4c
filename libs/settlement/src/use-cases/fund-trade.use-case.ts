import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SYSTEM, TradeStateMachine } from '../state-machine/trade-state-machine.service';

export interface PaymentSucceeded {
  tradeId: string;
  paymentIntentId: string;
}

/**
 * The payment provider confirmed the buyer's payment: awaiting_payment -> funded, in the webhook's
 * transaction (escrow posts the fund journal in the same one). The trade.funded event starts the workflow.
 */
@Injectable()
export class FundTradeUseCase {
  constructor(private readonly machine: TradeStateMachine) {}

  async execute(manager: EntityManager, payment: PaymentSucceeded): Promise<void> {
    await this.machine.transition(manager, payment.tradeId, 'funded', {
      actor: SYSTEM,
      reason: `payment ${payment.paymentIntentId} succeeded`,
      data: { paymentIntentId: payment.paymentIntentId },
    });
  }
}
