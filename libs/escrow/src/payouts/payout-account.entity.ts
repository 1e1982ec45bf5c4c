import { Column, Entity, PrimaryColumn } from 'typeorm';

export const PAYOUT_STATUSES = ['not_started', 'pending', 'enabled'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** An organisation's Stripe Connect account, where its sale proceeds are transferred. */
@Entity({ name: 'payout_accounts' })
export class PayoutAccountEntity {
  @PrimaryColumn('uuid')
  organizationId!: string;

  @Column('text', { unique: true })
  stripeAccountId!: string;

  @Column('text')
  status!: PayoutStatus;

  @Column('boolean')
  detailsSubmitted!: boolean;

  @Column('boolean')
  payoutsEnabled!: boolean;

  @Column('timestamptz')
  updatedAt!: Date;
}

export const PAYOUT_ENTITIES = [PayoutAccountEntity];
