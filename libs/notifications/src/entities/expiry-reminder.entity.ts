import { Column, Entity, PrimaryColumn } from 'typeorm';

export const REMINDER_THRESHOLDS_DAYS = [30, 7, 1] as const;
export type ReminderThreshold = (typeof REMINDER_THRESHOLDS_DAYS)[number];

/** That a lot's seller was reminded at one threshold before its tradableUntil: each is sent once. */
@Entity({ name: 'expiry_reminders' })
export class ExpiryReminderEntity {
  @PrimaryColumn('uuid')
  creditLotId!: string;

  @PrimaryColumn('integer')
  thresholdDays!: ReminderThreshold;

  @Column('uuid')
  organizationId!: string;

  @Column('timestamptz')
  tradableUntil!: Date;

  /** The listing.expiring event it published. */
  @Column('uuid', { nullable: true })
  eventId!: string | null;

  @Column('timestamptz')
  sentAt!: Date;
}
