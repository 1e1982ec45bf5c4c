import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReminderThreshold } from '../entities/expiry-reminder.entity';

export interface DueReminder {
  creditLotId: string;
  thresholdDays: ReminderThreshold;
  organizationId: string;
  tradableUntil: Date;
}

@Injectable()
export class ExpiryReminderRepository {
  /**
   * Claims the reminders not sent yet; (lot, threshold) is unique, so of two concurrent runs only one claims
   * each, and a later run claims nothing. Returns the claimed ones, in input order.
   */
  async claim(manager: EntityManager, reminders: readonly DueReminder[], at: Date): Promise<DueReminder[]> {
    if (reminders.length === 0) return [];
    const rows: { credit_lot_id: string; threshold_days: number }[] = await manager.query(
      `INSERT INTO expiry_reminders (credit_lot_id, threshold_days, organization_id, tradable_until, sent_at)
       SELECT lot, threshold, org, until, $5 FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::timestamptz[])
              AS r(lot, threshold, org, until)
       ON CONFLICT (credit_lot_id, threshold_days) DO NOTHING
       RETURNING credit_lot_id, threshold_days`,
      [
        reminders.map((r) => r.creditLotId),
        reminders.map((r) => r.thresholdDays),
        reminders.map((r) => r.organizationId),
        reminders.map((r) => r.tradableUntil),
        at,
      ],
    );
    const claimed = new Set(rows.map((row) => `${row.credit_lot_id}:${row.threshold_days}`));
    return reminders.filter((r) => claimed.has(`${r.creditLotId}:${r.thresholdDays}`));
  }

  /** Records which event each claimed reminder published. */
  async setEvents(manager: EntityManager, reminders: readonly DueReminder[], eventIds: readonly string[]) {
    if (reminders.length === 0) return;
    await manager.query(
      `UPDATE expiry_reminders e SET event_id = u.event_id
         FROM unnest($1::uuid[], $2::int[], $3::uuid[]) AS u(lot, threshold, event_id)
        WHERE e.credit_lot_id = u.lot AND e.threshold_days = u.threshold`,
      [reminders.map((r) => r.creditLotId), reminders.map((r) => r.thresholdDays), eventIds],
    );
  }
}
