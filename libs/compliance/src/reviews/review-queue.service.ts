import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { decodeCursor, toPage, type Page } from '@carryover/shared';
import type { ComplianceCheck } from '../engine';
import {
  ComplianceReviewEntity,
  type ReviewStatus,
  type ReviewSubjectType,
} from '../entities/compliance-review.entity';

export interface OpenReview {
  subjectType: ReviewSubjectType;
  subjectId: string;
  organizationId: string;
  complianceResultId?: string | null;
  summary: string;
  checks?: ComplianceCheck[];
}

export type ReviewItem = Omit<ComplianceReviewEntity, never>;

/** The operators' queue of items a rule sent to review. */
@Injectable()
export class ReviewQueue {
  constructor(
    @InjectRepository(ComplianceReviewEntity) private readonly reviews: Repository<ComplianceReviewEntity>,
  ) {}

  /** Adds an item unless the subject already has an open one (then that one stands). */
  async open(manager: EntityManager, item: OpenReview): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ComplianceReviewEntity)
      .values({ ...item, complianceResultId: item.complianceResultId ?? null, checks: item.checks ?? [] })
      .orIgnore()
      .execute();
  }

  /** Oldest first, so the queue is worked in arrival order. */
  async page(request: { status?: ReviewStatus; limit: number; cursor?: string }): Promise<Page<ReviewItem>> {
    const qb = this.reviews
      .createQueryBuilder('review')
      .orderBy('review.createdAt', 'ASC')
      .addOrderBy('review.id', 'ASC')
      .take(request.limit + 1);
    if (request.status) qb.andWhere('review.status = :status', { status: request.status });
    if (request.cursor) {
      const position = decodeCursor(request.cursor);
      qb.andWhere('(review.createdAt, review.id) > (:at, :id)', { at: position.at, id: position.id });
    }
    return toPage(await qb.getMany(), request.limit, (row) => ({ at: row.createdAt, id: row.id }));
  }

  findOpenForSubject(manager: EntityManager, subjectType: ReviewSubjectType, subjectId: string) {
    return manager.getRepository(ComplianceReviewEntity).findOne({
      where: { subjectType, subjectId, status: 'open' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  lockById(manager: EntityManager, id: string) {
    return manager
      .getRepository(ComplianceReviewEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async close(
    manager: EntityManager,
    id: string,
    decision: {
      status: Exclude<ReviewStatus, 'open'>;
      decidedByUserId: string;
      decidedAt: Date;
      reason: string;
    },
  ): Promise<void> {
    await manager.getRepository(ComplianceReviewEntity).update(
      { id },
      {
        status: decision.status,
        decidedByUserId: decision.decidedByUserId,
        decidedAt: decision.decidedAt,
        decisionReason: decision.reason,
      },
    );
  }
}
