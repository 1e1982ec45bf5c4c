import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StoredComplianceResult } from '@carryover/compliance';
import type { Actor } from '@carryover/identity';
import { complianceBlocked } from '../domain/compliance-blocked.error';
import { InvalidTransitionError } from '../domain/settlement.errors';
import type { TradeSettlementDetail } from '../domain/settlement.views';
import { operatorStep } from '../domain/transition-actors';
import { ReleaseCompliance } from '../services/release-compliance.service';
import { SettlementQueryService } from '../services/settlement-query.service';
import { TradeStateMachine } from '../state-machine/trade-state-machine.service';

export interface VerificationDecision {
  decision: 'approve' | 'reject';
  reason: string;
}

/**
 * The operator's verdict on the seller's transfer. Approve: compliance is checked once more and the trade
 * goes verifying -> releasing (the payments job pays the seller, then settles it); a block is recorded and
 * answered 422 with the trade left verifying. Reject: verifying -> refunding (the buyer is refunded).
 */
@Injectable()
export class DecideVerificationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly machine: TradeStateMachine,
    private readonly releaseCompliance: ReleaseCompliance,
    private readonly query: SettlementQueryService,
  ) {}

  async execute(
    actor: Actor,
    tradeId: string,
    command: VerificationDecision,
  ): Promise<TradeSettlementDetail> {
    const step = operatorStep(actor);
    const blocked = await this.dataSource.transaction(
      async (manager): Promise<StoredComplianceResult | null> => {
        const trade = await this.machine.lock(manager, tradeId);
        const to = command.decision === 'approve' ? 'releasing' : 'refunding';
        // Other states may also lead there (a dispute's resolution), but not by this decision.
        if (trade.status !== 'verifying') {
          throw new InvalidTransitionError(
            tradeId,
            trade.status,
            to,
            `Trade ${tradeId} is ${trade.status}; only a trade in verifying can be approved or rejected.`,
          );
        }
        if (command.decision === 'reject') {
          await this.machine.transitionLocked(manager, trade, 'refunding', {
            actor: step,
            reason: command.reason,
            data: { decision: 'reject' },
          });
          return null;
        }
        const block = await this.releaseCompliance.gate(manager, trade, step.audit);
        if (block) return block;
        await this.machine.transitionLocked(manager, trade, 'releasing', {
          actor: step,
          reason: command.reason,
          data: { decision: 'approve' },
        });
        return null;
      },
    );
    if (blocked) throw complianceBlocked(blocked);
    return this.query.tradeDetail(actor, tradeId);
  }
}
