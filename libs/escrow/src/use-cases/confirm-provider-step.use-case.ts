import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@carryover/shared';
import type { GatewayEvent, GatewayRefund, GatewayTransfer } from '../gateway/payment-gateway';
import { TradeRefundRepository } from '../settlement/trade-refund.repository';
import { TradeTransferRepository } from '../settlement/trade-transfer.repository';

type Tagged<T> = T & { tradeId: string; step: string };

function tagged<T extends { tradeId: string | null; step: string | null }>(
  object: T | null | undefined,
): Tagged<T> | null {
  return object?.tradeId && object.step ? (object as Tagged<T>) : null;
}

/**
 * refund.* and transfer.* events, inside the webhook's transaction: the step they belong to (from the
 * object's metadata) is confirmed, a failed refund marked failed, a reversal's amount recorded. Objects
 * Carryover did not make (no trade and step in their metadata) are left to reconciliation.
 */
@Injectable()
export class ConfirmProviderStepUseCase {
  private readonly logger = new Logger(ConfirmProviderStepUseCase.name);

  constructor(
    private readonly transfers: TradeTransferRepository,
    private readonly refunds: TradeRefundRepository,
    private readonly clock: Clock,
  ) {}

  /** True when the event was about a refund or transfer (whether or not it matched a step). */
  async execute(manager: EntityManager, event: GatewayEvent): Promise<boolean> {
    if (event.refund && (event.type.startsWith('refund.') || event.type.startsWith('charge.refund.'))) {
      await this.refund(manager, event, tagged<GatewayRefund>(event.refund));
      return true;
    }
    if (event.transfer && event.type.startsWith('transfer.')) {
      await this.transfer(manager, event, tagged<GatewayTransfer>(event.transfer));
      return true;
    }
    return false;
  }

  private async refund(manager: EntityManager, event: GatewayEvent, refund: Tagged<GatewayRefund> | null) {
    const matched = refund !== null && (await this.refunds.recordEvent(manager, refund, this.clock.now()));
    this.note(event, matched, refund);
  }

  private async transfer(
    manager: EntityManager,
    event: GatewayEvent,
    transfer: Tagged<GatewayTransfer> | null,
  ) {
    const matched =
      transfer !== null && (await this.transfers.recordEvent(manager, transfer, this.clock.now()));
    this.note(event, matched, transfer);
  }

  private note(
    event: GatewayEvent,
    matched: boolean,
    object: { tradeId: string; step: string } | null,
  ): void {
    const context = { eventId: event.id, type: event.type, tradeId: object?.tradeId, step: object?.step };
    if (matched) this.logger.log(context, 'provider step confirmed');
    else this.logger.warn(context, 'provider object matches no recorded step');
  }
}
