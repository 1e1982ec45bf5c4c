import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { TransferMethod } from '@carryover/catalog';
import type { PriceTier } from '@carryover/matching';
import { bigintTransformer } from '@carryover/shared';

export const LISTING_STATUSES = [
  'pending_review',
  'active',
  'partially_filled',
  'filled',
  'cancelled',
  'expired',
  'rejected',
] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
/** Statuses in which a listing holds quantity on its lot; the first two are in the book. */
export const OPEN_LISTING_STATUSES: ListingStatus[] = ['active', 'partially_filled', 'pending_review'];

@Entity({ name: 'listings' })
export class ListingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('uuid')
  creditLotId!: string;

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

  @Column('integer', { nullable: true })
  priceBps!: number | null;

  @Column('jsonb', { nullable: true })
  priceSchedule!: PriceTier[] | null;

  /** The price now; kept current by the re-pricing job and recomputed by the matcher. */
  @Column('integer')
  effectivePriceBps!: number;

  @Column('timestamptz', { nullable: true })
  nextRepriceAt!: Date | null;

  @Column('bigint', { default: 1, transformer: bigintTransformer })
  minFillMinor!: bigint;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz')
  tradableUntil!: Date;

  @Column('text', { array: true })
  transferMethods!: TransferMethod[];

  @Column('text')
  status!: ListingStatus;

  @Column('uuid', { nullable: true })
  complianceResultId!: string | null;

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
