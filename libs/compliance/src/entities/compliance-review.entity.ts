import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ComplianceCheck } from '../engine';

export const REVIEW_SUBJECT_TYPES = ['organization', 'credit_lot', 'listing'] as const;
export type ReviewSubjectType = (typeof REVIEW_SUBJECT_TYPES)[number];
export const REVIEW_STATUSES = ['open', 'approved', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** An item in the operators' review queue. */
@Entity({ name: 'compliance_reviews' })
export class ComplianceReviewEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  subjectType!: ReviewSubjectType;

  @Column('uuid')
  subjectId!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('uuid', { nullable: true })
  complianceResultId!: string | null;

  @Column('text', { default: 'open' })
  status!: ReviewStatus;

  @Column('text')
  summary!: string;

  @Column('jsonb', { default: () => "'[]'" })
  checks!: ComplianceCheck[];

  @Column('uuid', { nullable: true })
  decidedByUserId!: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;

  @Column('text', { nullable: true })
  decisionReason!: string | null;

  @Column('timestamptz', { default: () => "date_trunc('milliseconds', now())" })
  createdAt!: Date;
}
