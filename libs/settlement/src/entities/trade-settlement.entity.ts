import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a trade is waiting for outside the normal flow; shown to its parties and to operators. */
export const WAITING_REASONS = [
  'seller_payouts_not_enabled',
  'compliance_blocked',
  'payment_provider_unavailable',
] as const;
export type WaitingReason = (typeof WAITING_REASONS)[number];

export const PROVIDER_DECISIONS = ['approved', 'denied'] as const;
export type ProviderDecision = (typeof PROVIDER_DECISIONS)[number];

/** The settlement workflow's own record of a trade: step timing, transfer evidence and decisions. */
@Entity({ name: 'trade_settlements' })
export class TradeSettlementEntity {
  @PrimaryColumn('uuid')
  tradeId!: string;

  /** When the trade entered its current status; the timeouts measure from here. */
  @Column('timestamptz')
  statusEnteredAt!: Date;

  @Column('text', { nullable: true })
  waitingFor!: WaitingReason | null;

  @Column('timestamptz', { nullable: true })
  waitingSince!: Date | null;

  /** Set by the timeout sweep when the trade stayed in one step beyond its window. */
  @Column('timestamptz', { nullable: true })
  flaggedAt!: Date | null;

  @Column('text', { nullable: true })
  flagReason!: string | null;

  @Column('text', { nullable: true })
  transferReference!: string | null;

  @Column('text', { nullable: true })
  transferNote!: string | null;

  @Column('timestamptz', { nullable: true })
  transferSubmittedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  buyerConfirmedAt!: Date | null;

  @Column('text', { nullable: true })
  providerDecision!: ProviderDecision | null;

  @Column('text', { nullable: true })
  providerReference!: string | null;

  @Column('timestamptz', { nullable: true })
  providerDecidedAt!: Date | null;

  @Column('timestamptz')
  updatedAt!: Date;
}
