import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@carryover/identity';
import type { ReviewSubjectType } from '../entities/compliance-review.entity';

export type ReviewDecision = 'approve' | 'reject';

/** What a domain does when an operator approves or rejects one of its items; runs in the decision's transaction. */
export type ReviewDecisionHandler = (
  manager: EntityManager,
  actor: Actor,
  subjectId: string,
  decision: ReviewDecision,
  reason: string,
) => Promise<void>;

/** Domains register how their items are decided, so the queue needs no knowledge of their tables. */
@Injectable()
export class ReviewHandlers {
  private readonly handlers = new Map<ReviewSubjectType, ReviewDecisionHandler>();

  register(subjectType: ReviewSubjectType, handler: ReviewDecisionHandler): void {
    if (this.handlers.has(subjectType))
      throw new Error(`A review handler for ${subjectType} is already registered`);
    this.handlers.set(subjectType, handler);
  }

  get(subjectType: ReviewSubjectType): ReviewDecisionHandler {
    const handler = this.handlers.get(subjectType);
    if (!handler) throw new Error(`No review handler is registered for ${subjectType}`);
    return handler;
  }
}
