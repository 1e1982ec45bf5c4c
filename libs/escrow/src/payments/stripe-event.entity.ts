import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A Stripe webhook event, stored by its id so a redelivery is recognised; processed at most once. */
@Entity({ name: 'stripe_events' })
export class StripeEventEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('text')
  type!: string;

  @Column('jsonb')
  payload!: Record<string, unknown>;

  @Column('timestamptz')
  receivedAt!: Date;

  @Column('timestamptz', { nullable: true })
  processedAt!: Date | null;
}
