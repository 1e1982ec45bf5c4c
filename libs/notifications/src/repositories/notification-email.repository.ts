import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { NotificationEmailEntity } from '../entities/notification-email.entity';

/** Why an e-mail is recorded as skipped when e-mail is switched off. */
export const EMAIL_DISABLED_REASON = 'e-mail disabled: SMTP_URL is not set';

@Injectable()
export class NotificationEmailRepository {
  constructor(
    @InjectRepository(NotificationEmailEntity) private readonly emails: Repository<NotificationEmailEntity>,
  ) {}

  /** The event's e-mails still to send (their job may be missing after a crash). */
  async pendingFor(eventId: string): Promise<string[]> {
    const rows = await this.emails.find({
      select: { id: true },
      where: { eventId, status: 'pending' },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map((row) => row.id);
  }

  find(id: string): Promise<NotificationEmailEntity | null> {
    return this.emails.findOne({ where: { id } });
  }

  async markSent(id: string, messageId: string | null, at: Date): Promise<void> {
    await this.emails
      .createQueryBuilder()
      .update()
      .set({
        status: 'sent',
        messageId,
        sentAt: at,
        lastError: null,
        attemptCount: () => 'attempt_count + 1',
      })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
  }

  async markSkipped(id: string, reason: string): Promise<void> {
    await this.emails.update({ id, status: 'pending' }, { status: 'skipped', lastError: reason });
  }

  /** Records a failed send; after the last attempt the e-mail is marked failed for good. */
  async recordFailure(id: string, error: string, final: boolean): Promise<void> {
    await this.emails
      .createQueryBuilder()
      .update()
      .set({
        lastError: error.slice(0, 1000),
        attemptCount: () => 'attempt_count + 1',
        ...(final ? { status: 'failed' as const } : {}),
      })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
  }
}
