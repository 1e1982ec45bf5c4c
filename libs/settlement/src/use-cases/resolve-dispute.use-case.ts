import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@carryover/audit';
import type { StoredComplianceResult } from '@carryover/compliance';
import type { Actor } from '@carryover/identity';
import { OutboxService } from '@carryover/jobs';
import { Clock, ConflictError, DomainError, NotFoundError, ValidationError } from '@carryover/shared';
import { complianceBlocked } from '../domain/compliance-blocked.error';
import { InvalidTransitionError } from '../domain/settlement.errors';
import type { SettlementTrade } from '../domain/settlement-trade';
import { toDisputeView, type DisputeView } from '../domain/settlement.views';
import { operatorStep } from '../domain/transition-actors';
import type { DisputeEntity, DisputeOutcome } from '../entities/dispute.entity';
import { DisputeRepository } from '../repositories/dispute.repository';
import { ReleaseCompliance } from '../services/release-compliance.service';
import { TradeStateMachine, tradeEventPayload } from '../state-machine/trade-state-machine.service';

export interface DisputeResolutionCommand {
  outcome: DisputeOutcome;
  /** Partial refund only: what goes back to the buyer, 0 < refundMinor < gross. */
  refundMinor?: bigint;
  reason: string;
}

/**
 * The operator ends a dispute. Release: disputed -> releasing (compliance checked first). Refund:
 * disputed -> refunding. Partial refund: the trade stays disputed until the payments job has refunded
 * `refundMinor` and paid the seller the rest (fee recomputed on it), then becomes partially_refunded.
 */
@Injectable()
export class ResolveDisputeUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly machine: TradeStateMachine,
    private readonly disputes: DisputeRepository,
    private readonly releaseCompliance: ReleaseCompliance,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, disputeId: string, command: DisputeResolutionCommand): Promise<DisputeView> {
    assertRefundFits(command);
    const step = operatorStep(actor);
    const blocked = await this.dataSource.transaction(
      async (manager): Promise<StoredComplianceResult | null> => {
        const dispute = await this.disputes.lock(manager, disputeId);
        if (!dispute) throw new NotFoundError('Dispute', disputeId);
        if (dispute.status !== 'open') {
          throw new ConflictError(
            'dispute_resolved',
            `Dispute ${disputeId} was already resolved (${dispute.outcome}).`,
          );
        }
        const trade = await this.machine.lock(manager, dispute.tradeId);
        if (trade.status !== 'disputed') throw new InvalidTransitionError(trade.id, trade.status, 'disputed');
        if (command.outcome === 'partial_refund') assertBelowGross(trade, command.refundMinor ?? 0n);
        if (command.outcome !== 'refund') {
          const block = await this.releaseCompliance.gate(manager, trade, step.audit);
          if (block) return block;
        }
        await this.disputes.resolve(manager, disputeId, {
          outcome: command.outcome,
          refundMinor: command.outcome === 'partial_refund' ? (command.refundMinor ?? null) : null,
          resolvedByUserId: actor.userId as string,
          reason: command.reason.trim(),
          at: this.clock.now(),
        });
        await this.apply(manager, trade, dispute, command, step);
        return null;
      },
    );
    if (blocked) throw complianceBlocked(blocked);
    const resolved = await this.disputes.find(disputeId);
    return toDisputeView(resolved as DisputeEntity);
  }

  private async apply(
    manager: EntityManager,
    trade: SettlementTrade,
    dispute: DisputeEntity,
    command: DisputeResolutionCommand,
    step: ReturnType<typeof operatorStep>,
  ): Promise<void> {
    const data = { disputeId: dispute.id, outcome: command.outcome };
    if (command.outcome !== 'partial_refund') {
      const to = command.outcome === 'release' ? 'releasing' : 'refunding';
      await this.machine.transitionLocked(manager, trade, to, { actor: step, reason: command.reason, data });
      return;
    }
    const refundMinor = (command.refundMinor as bigint).toString();
    await this.outbox.publish(manager, [
      {
        name: 'trade.dispute_resolved',
        payload: tradeEventPayload(trade, 'disputed', 'disputed', {
          ...data,
          refundMinor,
          reason: command.reason,
        }),
      },
    ]);
    await this.audit.append(manager, {
      actor: step.audit,
      action: 'settlement.dispute_resolved',
      entity: 'trade',
      entityId: trade.id,
      data: { ...data, refundMinor },
      reason: command.reason,
    });
  }
}

function assertRefundFits(command: DisputeResolutionCommand): void {
  if (command.outcome === 'partial_refund' && command.refundMinor === undefined) {
    throw new ValidationError([{ field: 'refundMinor', message: 'is required for a partial refund' }]);
  }
  if (command.outcome !== 'partial_refund' && command.refundMinor !== undefined) {
    throw new ValidationError([{ field: 'refundMinor', message: 'is only for outcome partial_refund' }]);
  }
  if (command.refundMinor !== undefined && command.refundMinor <= 0n) {
    throw new ValidationError([
      { field: 'refundMinor', message: 'must be a positive amount of minor units' },
    ]);
  }
}

function assertBelowGross(trade: SettlementTrade, refundMinor: bigint): void {
  if (refundMinor >= trade.grossMinor) {
    throw new DomainError(
      'business_rule',
      'refund_exceeds_gross',
      `A partial refund must be less than the trade's gross of ${trade.grossMinor} ${trade.currency}; refund it whole instead.`,
      [{ field: 'refundMinor', message: `must be less than ${trade.grossMinor}` }],
    );
  }
}
