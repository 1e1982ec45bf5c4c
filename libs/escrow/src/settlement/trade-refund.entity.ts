import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@carryover/shared';

export const REFUND_STATUSES = ['pending', 'created', 'confirmed', 'failed'] as const;
/** pending: asked of Stripe, answer not recorded; created: Stripe made it; confirmed: its webhook came. */
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** A Stripe Refund of part or all of a trade's payment; one per (trade, step). */
@Entity({ name: 'trade_refunds' })
export class TradeRefundEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  tradeId!: string;

  @Column('text')
  step!: string;

  @Column('bigint', { transformer: bigintTransformer })
  amountMinor!: bigint;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('text')
  paymentIntentId!: string;

  @Column('text', { nullable: true })
  stripeRefundId!: string | null;

  @Column('text')
  status!: RefundStatus;

  @Column('text', { nullable: true })
  lastErrorCode!: string | null;

  @Column('text', { nullable: true })
  lastErrorMessage!: string | null;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;

  @Column('timestamptz', { nullable: true })
  confirmedAt!: Date | null;
}
