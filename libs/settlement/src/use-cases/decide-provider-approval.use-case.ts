import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@carryover/identity';
import { Clock } from '@carryover/shared';
import { InvalidTransitionError } from '../domain/settlement.errors';
import type { TradeSettlementDetail } from '../domain/settlement.views';
import { operatorStep } from '../domain/transition-actors';
import type { ProviderDecision } from '../entities/trade-settlement.entity';
import { SettlementTradeRepository } from '../repositories/settlement-trade.repository';
import { SettlementQueryService } from '../services/settlement-query.service';
import { TradeStateMachine } from '../state-machine/trade-state-machine.service';

export interface ProviderApprovalCommand {
  decision: ProviderDecision;
  /** The provider's reference for its answer (ticket, letter, e-mail id). */
  reference: string;
}

/**
 * The operator records the provider's answer for a trade whose policy requires it: approved ->
 * transfer_pending (the seller is asked to transfer), denied -> refunding (the buyer is refunded).
 */
@Injectable()
export class DecideProviderApprovalUseCase {
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
    command: ProviderApprovalCommand,
  ): Promise<TradeSettlementDetail> {
    await this.dataSource.transaction(async (manager) => {
      const trade = await this.machine.lock(manager, tradeId);
      const to = command.decision === 'approved' ? 'transfer_pending' : 'refunding';
      if (trade.status !== 'awaiting_provider_approval') {
        throw new InvalidTransitionError(
          tradeId,
          trade.status,
          to,
          `Trade ${tradeId} is ${trade.status}; it is not awaiting the provider’s approval.`,
        );
      }
      const reference = command.reference.trim();
      await this.trades.recordProviderDecision(
        manager,
        tradeId,
        { decision: command.decision, reference },
        this.clock.now(),
      );
      await this.machine.transitionLocked(manager, trade, to, {
        actor: operatorStep(actor),
        reason: `provider ${command.decision} (${reference})`,
        data: { providerDecision: command.decision, providerReference: reference },
      });
    });
    return this.query.tradeDetail(actor, tradeId);
  }
}
