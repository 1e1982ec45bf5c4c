import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@carryover/identity';
import { Clock } from '@carryover/shared';
import type { TradeSettlementDetail } from '../domain/settlement.views';
import { partyStep } from '../domain/transition-actors';
import { SettlementTradeRepository } from '../repositories/settlement-trade.repository';
import { SettlementQueryService } from '../services/settlement-query.service';
import { lockAsParty } from '../state-machine/party-access';
import { TradeStateMachine } from '../state-machine/trade-state-machine.service';

export interface SubmitTransferCommand {
  reference: string;
  note?: string | null;
}

/**
 * The seller reports the credit transfer it made (transfer_pending -> transfer_submitted) with the
 * provider's reference; the workflow then hands it to the operators to verify.
 */
@Injectable()
export class SubmitTransferUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly machine: TradeStateMachine,
    private readonly trades: SettlementTradeRepository,
    private readonly query: SettlementQueryService,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    tradeId: string,
    command: SubmitTransferCommand,
  ): Promise<TradeSettlementDetail> {
    await this.dataSource.transaction(async (manager) => {
      const { trade } = await lockAsParty(this.machine, manager, actor, tradeId, 'sell');
      this.machine.assertAllowed(trade, 'transfer_submitted', 'seller');
      const transfer = { reference: command.reference.trim(), note: command.note?.trim() || null };
      await this.trades.recordTransfer(manager, tradeId, transfer, this.clock.now());
      await this.machine.transitionLocked(manager, trade, 'transfer_submitted', {
        actor: partyStep(actor, 'sell'),
        reason: `transfer reference ${transfer.reference}`,
        data: { reference: transfer.reference },
      });
    });
    return this.query.tradeDetail(actor, tradeId);
  }
}
