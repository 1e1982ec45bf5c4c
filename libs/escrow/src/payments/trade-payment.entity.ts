import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '@carryover/shared';

export const PAYMENT_STATUSES = [
  'requires_payment',
  'processing',
  'succeeded',
  'failed',
  'canceled',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** The buyer's payment into escrow for one trade: the current intent and how the last attempt ended. */
@Entity({ name: 'trade_payments' })
export class TradePaymentEntity {
  @PrimaryColumn('uuid')
  tradeId!: string;

  @Column('text')
  status!: PaymentStatus;

  @Column('text', { nullable: true })
  paymentIntentId!: string | null;

  /** Attempts sent to the provider; the next attempt after a decline is attempts + 1. */
  @Column('integer')
  attempts!: number;

  @Column('text', { nullable: true })
  lastErrorCode!: string | null;

  @Column('text', { nullable: true })
  lastErrorMessage!: string | null;

  @Column('bigint', { transformer: bigintTransformer })
  amountMinor!: bigint;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('timestamptz')
  updatedAt!: Date;
}
