import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const EMAIL_STATUSES = ['pending', 'sent', 'skipped', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** The e-mail about one event to one organisation's members; at most one per (event, organisation). */
@Entity({ name: 'notification_emails' })
export class NotificationEmailEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('uuid')
  eventId!: string;

  @Column('text')
  kind!: string;

  @Column('text', { array: true })
  recipients!: string[];

  @Column('text')
  subject!: string;

  @Column('text')
  textBody!: string;

  @Column('text', { default: 'pending' })
  status!: EmailStatus;

  @Column('integer', { default: 0 })
  attemptCount!: number;

  @Column('text', { nullable: true })
  lastError!: string | null;

  @Column('text', { nullable: true })
  messageId!: string | null;

  @Column('timestamptz', { nullable: true })
  sentAt!: Date | null;

  @Column('timestamptz', { default: () => "date_trunc('milliseconds', now())" })
  createdAt!: Date;
}
