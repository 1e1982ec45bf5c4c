import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { WebhookEventType } from '../domain/webhook-events';

/** An organisation's receiver of signed event POSTs. Deleting one only marks it, keeping its delivery log. */
@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('text')
  url!: string;

  @Column('text', { array: true })
  events!: WebhookEventType[];

  /** Stored as issued: the worker needs it to sign every delivery (see README, "Outbound webhooks"). */
  @Column('text', { select: false })
  secret!: string;

  @Column('integer', { default: 0 })
  consecutiveFailures!: number;

  @Column('timestamptz', { nullable: true })
  disabledAt!: Date | null;

  @Column('text', { nullable: true })
  disabledReason!: string | null;

  @Column('timestamptz', { nullable: true })
  deletedAt!: Date | null;

  @Column('uuid', { nullable: true })
  createdByUserId!: string | null;

  @Column('timestamptz', { default: () => "date_trunc('milliseconds', now())" })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
