import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@carryover/shared';

export const DIFFERENCE_KINDS = ['payment', 'refund', 'payout'] as const;
/** payment: funded vs captured; refund: refunded vs refunded at Stripe; payout: paid out vs transferred. */
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

/** A trade whose ledger and payment provider disagree; open until a later run finds them equal again. */
@Entity({ name: 'reconciliation_differences' })
export class ReconciliationDifferenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  tradeId!: string;

  @Column('text')
  kind!: DifferenceKind;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('bigint', { transformer: bigintTransformer })
  ledgerAmountMinor!: bigint;

  @Column('bigint', { transformer: bigintTransformer })
  providerAmountMinor!: bigint;

  @Column('timestamptz')
  detectedAt!: Date;

  @Column('timestamptz')
  lastSeenAt!: Date;

  @Column('timestamptz', { nullable: true })
  resolvedAt!: Date | null;
}
