import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@carryover/shared';

export const TRANSFER_STATUSES = ['pending', 'created', 'confirmed', 'reversed'] as const;
/** pending: asked of Stripe, answer not recorded; created: Stripe made it; confirmed: its webhook came. */
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** A Stripe Transfer of a trade's proceeds to the seller's connected account; one per (trade, step). */
@Entity({ name: 'trade_transfers' })
export class TradeTransferEntity {
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
  destinationAccountId!: string;

  @Column('text', { nullable: true })
  stripeTransferId!: string | null;

  @Column('text')
  status!: TransferStatus;

  @Column('bigint', { transformer: bigintTransformer })
  amountReversedMinor!: bigint;

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
