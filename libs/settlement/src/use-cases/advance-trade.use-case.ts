import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TradeStatus } from '@carryover/market';
import { SYSTEM, TradeStateMachine } from '../state-machine/trade-state-machine.service';

/**
 * The workflow's automatic steps, decided from the trade's current state so a repeated job does nothing:
 * funded -> awaiting_provider_approval when the policy at match time required the provider's approval,
 * else transfer_pending (the seller is asked to transfer); transfer_submitted -> verifying.
 */
@Injectable()
export class AdvanceTradeUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly machine: TradeStateMachine,
  ) {}

  /** The status the trade moved to, or null when its state asks for no automatic step. */
  async execute(tradeId: string): Promise<TradeStatus | null> {
    return this.dataSource.transaction(async (manager) => {
      const trade = await this.machine.lock(manager, tradeId);
      if (trade.status === 'funded') {
        const to = trade.requiresProviderApproval ? 'awaiting_provider_approval' : 'transfer_pending';
        const reason = trade.requiresProviderApproval
          ? 'the provider’s policy requires its approval before the transfer'
          : 'the seller is asked to transfer the credits';
        await this.machine.transitionLocked(manager, trade, to, { actor: SYSTEM, reason });
        return to;
      }
      if (trade.status === 'transfer_submitted') {
        await this.machine.transitionLocked(manager, trade, 'verifying', {
          actor: SYSTEM,
          reason: 'the transfer awaits the operator’s verification',
        });
        return 'verifying';
      }
      return null;
    });
  }
}
