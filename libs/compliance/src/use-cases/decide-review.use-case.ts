import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { auditActorOf, type Actor } from '@carryover/identity';
import { Clock, ConflictError, ForbiddenError, NotFoundError } from '@carryover/shared';
import type { ReviewSubjectType } from '../entities/compliance-review.entity';
import { ReviewHandlers, type ReviewDecision } from '../reviews/review-handlers';
import { ReviewQueue, type ReviewItem } from '../reviews/review-queue.service';

export interface ReviewTarget {
  reviewId?: string;
  subjectType?: ReviewSubjectType;
  subjectId?: string;
}

/**
 * An operator decides a review item, addressed either by the item's id or by its subject (the KYC and
 * lot-verification endpoints). The owning domain applies the decision and the item closes, in one transaction.
 */
@Injectable()
export class DecideReviewUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: ReviewQueue,
    private readonly handlers: ReviewHandlers,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async byId(actor: Actor, reviewId: string, decision: ReviewDecision, reason: string): Promise<ReviewItem> {
    const operatorId = assertOperator(actor);
    return this.dataSource.transaction(async (manager) => {
      const review = await this.queue.lockById(manager, reviewId);
      if (!review) throw new NotFoundError('Review', reviewId);
      if (review.status !== 'open') {
        throw new ConflictError('review_already_decided', `This review was already ${review.status}.`);
      }
      await this.handlers.get(review.subjectType)(manager, actor, review.subjectId, decision, reason);
      const closing = this.closing(decision, operatorId, reason);
      await this.queue.close(manager, review.id, closing);
      await this.audit.append(manager, {
        actor: auditActorOf(actor),
        action: 'compliance.review_decided',
        entity: 'compliance_review',
        entityId: review.id,
        data: { subjectType: review.subjectType, subjectId: review.subjectId, decision },
        reason,
      });
      return {
        ...review,
        status: closing.status,
        decidedByUserId: closing.decidedByUserId,
        decidedAt: closing.decidedAt,
        decisionReason: reason,
      };
    });
  }

  /** Decides the subject itself, closing its open review item if there is one. */
  async bySubject(
    actor: Actor,
    subjectType: ReviewSubjectType,
    subjectId: string,
    decision: ReviewDecision,
    reason: string,
  ): Promise<void> {
    const operatorId = assertOperator(actor);
    await this.dataSource.transaction(async (manager) => {
      const open = await this.queue.findOpenForSubject(manager, subjectType, subjectId);
      await this.handlers.get(subjectType)(manager, actor, subjectId, decision, reason);
      if (open) await this.queue.close(manager, open.id, this.closing(decision, operatorId, reason));
    });
  }

  private closing(decision: ReviewDecision, operatorId: string, reason: string) {
    return {
      status: decision === 'approve' ? ('approved' as const) : ('rejected' as const),
      decidedByUserId: operatorId,
      decidedAt: this.clock.now(),
      reason,
    };
  }
}

function assertOperator(actor: Actor): string {
  if (actor.role !== 'operator' || actor.userId === null) {
    throw new ForbiddenError('operator_only', 'Only operators decide reviews.');
  }
  return actor.userId;
}
