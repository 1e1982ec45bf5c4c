import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { auditActorOf, type Actor } from '@carryover/identity';
import type { TradeStatus } from '@carryover/market';
import { Clock, DomainError } from '@carryover/shared';
import type { TradeSettlementDetail } from '../domain/settlement.views';
import { SettlementTradeRepository } from '../repositories/settlement-trade.repository';
import { SettlementQueryService } from '../services/settlement-query.service';
import { lockAsParty } from '../state-machine/party-access';
import { TradeStateMachine } from '../state-machine/trade-state-machine.service';

/** Once the seller has reported the transfer, until the money is released or the trade settles. */
const CONFIRMABLE: readonly TradeStatus[] = ['transfer_submitted', 'verifying', 'releasing', 'settled'];

/**
 * The buyer confirms it received the credits. This is evidence for the operator who verifies the
 * transfer, not a step of its own; the first confirmation is kept and repeating it changes nothing.
 */
@Injectable()
export class ConfirmReceiptUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly machine: TradeStateMachine,
    private readonly trades: SettlementTradeRepository,
    private readonly query: SettlementQueryService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, tradeId: string): Promise<TradeSettlementDetail> {
    await this.dataSource.transaction(async (manager) => {
      const { trade } = await lockAsParty(this.machine, manager, actor, tradeId, 'buy');
      if (!CONFIRMABLE.includes(trade.status)) {
        throw new DomainError(
          'conflict',
          'receipt_not_expected',
          `Trade ${tradeId} is ${trade.status}; receipt can be confirmed once the seller has submitted the transfer.`,
          undefined,
          { tradeStatus: trade.status },
        );
      }
      const now = this.clock.now();
      const confirmedAt = await this.trades.recordReceipt(manager, tradeId, now);
      if (confirmedAt.getTime() !== now.getTime()) return;
      await this.audit.append(manager, {
        actor: auditActorOf(actor),
        action: 'settlement.receipt_confirmed',
        entity: 'trade',
        entityId: tradeId,
        data: { status: trade.status },
      });
    });
    return this.query.tradeDetail(actor, tradeId);
  }
}
