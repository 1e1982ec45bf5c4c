import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OutboxService } from '@carryover/jobs';
import { DomainEventBus, type DomainEvent } from '@carryover/shared';
import { FundTradeUseCase } from '../use-cases/fund-trade.use-case';

/** Escrow's in-transaction events this domain reacts to (escrow knows the names, not the subscriber). */
export const ESCROW_PAYMENT_SUCCEEDED = 'escrow.payment_succeeded';
export const ESCROW_PAYOUTS_ENABLED = 'escrow.payouts_enabled';

/**
 * Settlement's side of escrow's events, inside escrow's transaction: a confirmed payment funds the trade;
 * a seller's payouts becoming enabled is published to the outbox as payouts.enabled, which resumes the
 * releases that waited for it.
 */
@Injectable()
export class EscrowEventsSubscriber implements OnModuleInit {
  constructor(
    private readonly bus: DomainEventBus,
    private readonly fundTrade: FundTradeUseCase,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe(ESCROW_PAYMENT_SUCCEEDED, (manager, event) =>
      this.fundTrade.execute(manager, payloadOf<{ tradeId: string; paymentIntentId: string }>(event)),
    );
    this.bus.subscribe(ESCROW_PAYOUTS_ENABLED, async (manager, event) => {
      const { organizationId } = payloadOf<{ organizationId: string }>(event);
      await this.outbox.publish(manager, [{ name: 'payouts.enabled', payload: { organizationId } }]);
    });
  }
}

function payloadOf<T>(event: DomainEvent): T {
  return event.payload as T;
}
