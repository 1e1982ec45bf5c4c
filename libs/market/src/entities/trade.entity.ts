import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { TransferMethod } from '@carryover/catalog';
import { bigintTransformer } from '@carryover/shared';

export const TRADE_STATUSES = [
  'awaiting_payment',
  'funded',
  'awaiting_provider_approval',
  'transfer_pending',
  'transfer_submitted',
  'verifying',
  'releasing',
  'settled',
  'cancelled',
  'refunding',
  'refunded',
  'disputed',
  'partially_refunded',
] as const;
export type TradeStatus = (typeof TRADE_STATUSES)[number];

@Entity({ name: 'trades' })
export class TradeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  listingId!: string;

  @Column('uuid')
  orderId!: string;

  @Column('uuid')
  creditLotId!: string;

  @Column('uuid')
  sellerOrganizationId!: string;

  @Column('uuid')
  buyerOrganizationId!: string;

  @Column('text')
  providerCode!: string;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('bigint', { transformer: bigintTransformer })
  quantityMinor!: bigint;

  @Column('integer')
  priceBps!: number;

  @Column('bigint', { transformer: bigintTransformer })
  grossMinor!: bigint;

  @Column('integer')
  feeBps!: number;

  @Column('bigint', { transformer: bigintTransformer })
  feeMinor!: bigint;

  @Column('bigint', { transformer: bigintTransformer })
  sellerProceedsMinor!: bigint;

  @Column('text')
  transferMethod!: TransferMethod;

  @Column('integer')
  daysToExpiry!: number;

  @Column('boolean')
  requiresProviderApproval!: boolean;

  @Column('uuid', { nullable: true })
  complianceResultId!: string | null;

  @Column('text')
  status!: TradeStatus;

  @Column('timestamptz')
  executedAt!: Date;

  @Column('timestamptz', { default: () => "date_trunc('milliseconds', now())" })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
