import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ComplianceCheck, ComplianceOutcome } from '../engine';

export const COMPLIANCE_SUBJECT_TYPES = ['credit_lot', 'listing', 'order', 'trade'] as const;
export type ComplianceSubjectType = (typeof COMPLIANCE_SUBJECT_TYPES)[number];
export type ComplianceContext = 'registration' | 'listing' | 'match' | 'release';

/** One stored evaluation, citing the policy version it used. */
@Entity({ name: 'compliance_results' })
export class ComplianceResultEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  subjectType!: ComplianceSubjectType;

  @Column('uuid')
  subjectId!: string;

  @Column('text')
  context!: ComplianceContext;

  @Column('text')
  providerCode!: string;

  @Column('integer')
  policyVersion!: number;

  @Column('text')
  outcome!: ComplianceOutcome;

  @Column('jsonb')
  checks!: ComplianceCheck[];

  @Column('boolean')
  requiresProviderApproval!: boolean;

  @Column('timestamptz')
  evaluatedAt!: Date;

  @Column('timestamptz', { default: () => "date_trunc('milliseconds', now())" })
  createdAt!: Date;
}
