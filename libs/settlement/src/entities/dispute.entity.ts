import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@carryover/shared';

export const DISPUTE_STATUSES = ['open', 'resolved'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const DISPUTE_OUTCOMES = ['release', 'refund', 'partial_refund'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** A buyer's or seller's dispute of a trade; the trade is frozen in `disputed` until an operator resolves it. */
@Entity({ name: 'disputes' })
export class DisputeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  tradeId!: string;

  @Column('uuid')
  openedByOrganizationId!: string;

  @Column('text')
  openedBySide!: 'buy' | 'sell';

  /** The user, or null when an API key opened it. */
  @Column('uuid', { nullable: true })
  openedByUserId!: string | null;

  @Column('uuid', { nullable: true })
  openedByApiKeyId!: string | null;

  @Column('text')
  reason!: string;

  /** The trade's status when the dispute froze it. */
  @Column('text')
  frozenStatus!: string;

  @Column('text')
  status!: DisputeStatus;

  @Column('text', { nullable: true })
  outcome!: DisputeOutcome | null;

  /** For a partial refund: what goes back to the buyer; the rest of the gross is released. */
  @Column('bigint', { nullable: true, transformer: bigintTransformer })
  refundMinor!: bigint | null;

  @Column('uuid', { nullable: true })
  resolvedByUserId!: string | null;

  @Column('text', { nullable: true })
  resolutionReason!: string | null;

  @Column('timestamptz')
  openedAt!: Date;

  @Column('timestamptz', { nullable: true })
  resolvedAt!: Date | null;
}
