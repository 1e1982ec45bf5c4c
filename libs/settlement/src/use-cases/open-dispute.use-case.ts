import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@carryover/identity';
import { Clock } from '@carryover/shared';
import { toDisputeView, type DisputeView } from '../domain/settlement.views';
import { partyStep } from '../domain/transition-actors';
import { DisputeRepository } from '../repositories/dispute.repository';
import { lockAsParty } from '../state-machine/party-access';
import { TradeStateMachine } from '../state-machine/trade-state-machine.service';

/**
 * The buyer or the seller disputes a funded trade before its release: the trade goes to `disputed`, where
 * no job and no timeout moves it, until an operator resolves the dispute.
 */
@Injectable()
export class OpenDisputeUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly machine: TradeStateMachine,
    private readonly disputes: DisputeRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, tradeId: string, reason: string): Promise<DisputeView> {
    return this.dataSource.transaction(async (manager) => {
      const { trade, side } = await lockAsParty(this.machine, manager, actor, tradeId);
      const step = partyStep(actor, side);
      this.machine.assertAllowed(trade, 'disputed', step.as);
      const dispute = await this.disputes.insert(manager, {
        tradeId,
        openedByOrganizationId: actor.organizationId as string,
        openedBySide: side,
        openedByUserId: actor.kind === 'user' ? actor.userId : null,
        openedByApiKeyId: actor.kind === 'api_key' ? actor.apiKeyId : null,
        reason: reason.trim(),
        frozenStatus: trade.status,
        openedAt: this.clock.now(),
      });
      await this.machine.transitionLocked(manager, trade, 'disputed', {
        actor: step,
        reason: dispute.reason,
        data: { disputeId: dispute.id, side },
      });
      return toDisputeView(dispute);
    });
  }
}
