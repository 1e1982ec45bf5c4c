import { Column, Entity, PrimaryColumn } from 'typeorm';

/** That one reader (a user, or an API key) has read a notification. */
@Entity({ name: 'notification_reads' })
export class NotificationReadEntity {
  @PrimaryColumn('uuid')
  notificationId!: string;

  @PrimaryColumn('uuid')
  readerId!: string;

  @Column('timestamptz')
  readAt!: Date;
}
