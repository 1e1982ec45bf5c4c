import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CreditLotQueryService, type CreditLotView } from '@carryover/credits';
import { OutboxService } from '@carryover/jobs';
import { Clock } from '@carryover/shared';
import { REMINDER_THRESHOLDS_DAYS, type ReminderThreshold } from '../entities/expiry-reminder.entity';
import { ExpiryReminderRepository, type DueReminder } from '../repositories/expiry-reminder.repository';

const DAY_MS = 86_400_000;
/** Lots per transaction. */
export const REMINDER_BATCH_SIZE = 200;

/** The tightest threshold (30, 7 or 1 days) that `msLeft` is within. */
export function reminderThreshold(msLeft: number): ReminderThreshold | null {
  const within = REMINDER_THRESHOLDS_DAYS.filter((days) => msLeft <= days * DAY_MS);
  return within.length > 0 ? (within[within.length - 1] as ReminderThreshold) : null;
}

/**
 * The repeatable reminder sweep: for each verified lot with unsold credit whose tradableUntil is within 30,
 * 7 or 1 days, publishes `listing.expiring` once per (lot, threshold) in the transaction that records it
 * (a unique key), so the seller is told once at T-30, T-7 and T-1. A lot first seen inside a tighter
 * window gets only that window's reminder.
 */
@Injectable()
export class SendExpiryRemindersUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lots: CreditLotQueryService,
    private readonly reminders: ExpiryReminderRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Returns how many reminders it published. */
  async execute(): Promise<number> {
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + Math.max(...REMINDER_THRESHOLDS_DAYS) * DAY_MS);
    let sent = 0;
    let from: CreditLotView | undefined;
    for (;;) {
      const lots = await this.lots.expiringWithUnsold(now, horizon, REMINDER_BATCH_SIZE, from);
      const due = lots.flatMap((lot): DueReminder[] => {
        const thresholdDays = reminderThreshold(lot.tradableUntil.getTime() - now.getTime());
        return thresholdDays
          ? [
              {
                creditLotId: lot.id,
                organizationId: lot.organizationId,
                tradableUntil: lot.tradableUntil,
                thresholdDays,
              },
            ]
          : [];
      });
      sent += await this.dataSource.transaction(async (manager) => {
        const claimed = await this.reminders.claim(manager, due, now);
        const eventIds = await this.outbox.publish(
          manager,
          claimed.map((reminder) => ({
            name: 'listing.expiring' as const,
            payload: {
              listingId: null,
              creditLotId: reminder.creditLotId,
              organizationId: reminder.organizationId,
              daysLeft: Math.ceil((reminder.tradableUntil.getTime() - now.getTime()) / DAY_MS),
            },
          })),
        );
        await this.reminders.setEvents(manager, claimed, eventIds);
        return claimed.length;
      });
      if (lots.length < REMINDER_BATCH_SIZE) return sent;
      from = lots[lots.length - 1];
    }
  }
}
