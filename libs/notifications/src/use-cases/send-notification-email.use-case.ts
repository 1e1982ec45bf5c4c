import { Injectable, Logger } from '@nestjs/common';
import { JOB_CATALOGUE } from '@carryover/jobs';
import { Clock } from '@carryover/shared';
import { Mailer } from '../mail/mailer';
import {
  EMAIL_DISABLED_REASON,
  NotificationEmailRepository,
} from '../repositories/notification-email.repository';

/**
 * Sends one notification e-mail written by the dispatcher. Without SMTP_URL it is recorded as skipped, not
 * failed. A send that fails is retried by the job's attempts; a crash between the server accepting it and
 * the row being marked sent can send it twice (SMTP has no idempotency key).
 */
@Injectable()
export class SendNotificationEmailUseCase {
  private readonly logger = new Logger(SendNotificationEmailUseCase.name);

  constructor(
    private readonly emails: NotificationEmailRepository,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  async execute(emailId: string, attempt: number): Promise<void> {
    const email = await this.emails.find(emailId);
    if (!email || email.status !== 'pending') return;
    if (!this.mailer.enabled) {
      this.logger.log(
        `E-mail disabled (no SMTP_URL): "${email.subject}" to ${email.recipients.length} member(s) not sent`,
      );
      await this.emails.markSkipped(email.id, EMAIL_DISABLED_REASON);
      return;
    }
    try {
      const messageId = await this.mailer.send({
        to: email.recipients,
        subject: email.subject,
        text: email.textBody,
      });
      await this.emails.markSent(email.id, messageId, this.clock.now());
    } catch (error) {
      const final = attempt >= JOB_CATALOGUE['webhooks.send-email'].options.attempts;
      await this.emails.recordFailure(email.id, (error as Error).message, final);
      throw error;
    }
  }
}
