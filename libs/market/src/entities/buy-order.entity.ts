import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { TransferMethod } from '@carryover/catalog';
import type { TimeInForce } from '@carryover/matching';
import { bigintTransformer } from '@carryover/shared';

export const ORDER_STATUSES = ['open', 'partially_filled', 'filled', 'cancelled', 'expired'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const RESTING_ORDER_STATUSES: OrderStatus[] = ['open', 'partially_filled'];

@Entity({ name: 'buy_orders' })
export class BuyOrderEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('text')
  providerCode!: string;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('bigint', { transformer: bigintTransformer })
  quantityMinor!: bigint;

  @Column('bigint', { transformer: bigintTransformer })
  remainingMinor!: bigint;

  @Column('bigint', { default: 0, transformer: bigintTransformer })
  filledMinor!: bigint;

  @Column('integer')
  maxPriceBps!: number;

  @Column('integer', { default: 0 })
  minDaysToExpiry!: number;

  /** Empty means any method the listing offers. */
  @Column('text', { array: true, default: () => "'{}'" })
  transferMethods!: TransferMethod[];

  @Column('bigint', { default: 1, transformer: bigintTransformer })
  minFillMinor!: bigint;

  @Column('text')
  timeInForce!: TimeInForce;

  @Column('timestamptz', { nullable: true })
  goodTill!: Date | null;

  @Column('text')
  status!: OrderStatus;

  /** Time priority, from the market_book_seq sequence. */
  @Column({ type: 'bigint', insert: false, update: false, transformer: bigintTransformer })
  bookSeq!: bigint;

  @Column('uuid', { nullable: true })
  createdByUserId!: string | null;

  @Column('timestamptz', { default: () => "date_trunc('milliseconds', now())" })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column('timestamptz', { nullable: true })
  closedAt!: Date | null;
}
