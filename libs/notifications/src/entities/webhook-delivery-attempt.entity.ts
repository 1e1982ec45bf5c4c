import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One POST of a delivery and what came back; (delivery, attempt number) is unique. */
@Entity({ name: 'webhook_delivery_attempts' })
export class WebhookDeliveryAttemptEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  deliveryId!: string;

  @Column('integer')
  attemptNumber!: number;

  @Column('text')
  outcome!: 'succeeded' | 'failed';

  @Column('integer', { nullable: true })
  responseStatus!: number | null;

  @Column('text', { nullable: true })
  error!: string | null;

  @Column('integer')
  durationMs!: number;

  @Column('timestamptz')
  attemptedAt!: Date;
}
