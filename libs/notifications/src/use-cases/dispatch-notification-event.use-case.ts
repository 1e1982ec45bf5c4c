import { Inject, Injectable } from '@nestjs/common';
import { OrganizationDirectory, type OrganizationRole } from '@carryover/identity';
import { JobQueue, type OutboxJob } from '@carryover/jobs';
import { notificationMessage, type NotificationMessage } from '../domain/notification-messages';
import { webhookBodyText, webhookData } from '../domain/webhook-payload';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from '../notification-settings';
import { Mailer } from '../mail/mailer';
import {
  EMAIL_DISABLED_REASON,
  NotificationEmailRepository,
} from '../repositories/notification-email.repository';
import { NotificationFanoutRepository } from '../repositories/notification-fanout.repository';
import { WebhookDeliveryRepository } from '../repositories/webhook-delivery.repository';
import { EventFactsResolver, type Audience } from '../services/event-facts.resolver';

/** Members who act on trades get the e-mails; viewers read the in-app notifications. */
export const EMAIL_ROLES: readonly OrganizationRole[] = ['org_admin', 'trader'];

/**
 * Fans one event out to the organisations involved: an in-app notification, an e-mail to their members and
 * a delivery per subscribed webhook endpoint, all written at once under unique keys, then a job per e-mail
 * and delivery (jobId = its row id). With e-mail switched off (no SMTP_URL) the e-mails are written as
 * skipped and get no job. Running it again for the same event creates nothing twice and only re-enqueues
 * jobs a crash may have lost.
 */
@Injectable()
export class DispatchNotificationEventUseCase {
  constructor(
    private readonly facts: EventFactsResolver,
    private readonly directory: OrganizationDirectory,
    private readonly fanout: NotificationFanoutRepository,
    private readonly emails: NotificationEmailRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly jobs: JobQueue,
    private readonly mailer: Mailer,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

  async execute(event: OutboxJob): Promise<void> {
    const audiences = await this.facts.audiences(event);
    if (audiences.length === 0) return;
    const notices = await Promise.all(audiences.map((audience) => this.notice(audience)));
    const skippedReason = this.mailer.enabled ? null : EMAIL_DISABLED_REASON;
    const written = await this.fanout.write({
      eventId: event.eventId,
      eventType: event.name,
      notifications: notices.map(({ organizationId, message, kind }) => ({
        organizationId,
        kind,
        ...message,
      })),
      emails: notices
        .filter((notice) => notice.recipients.length > 0)
        .map(({ organizationId, kind, recipients, message, emailText }) => ({
          organizationId,
          kind,
          recipients,
          subject: message.title,
          textBody: emailText,
          skippedReason,
        })),
      webhookBodies: new Map(
        audiences.map((audience) => [
          audience.organizationId,
          webhookBodyText({
            id: event.eventId,
            type: event.name,
            createdAt: event.occurredAt,
            data: webhookData(audience.facts),
          }),
        ]),
      ),
    });

    // All rows new: their jobs are the ones to enqueue. Otherwise an earlier run wrote them and may have
    // crashed before enqueuing: whatever is still waiting is enqueued again (BullMQ skips known job ids).
    const [deliveryIds, emailIds] = written.allNew
      ? [written.deliveryIds, written.pendingEmailIds]
      : await Promise.all([
          this.deliveries.unattemptedFor(event.eventId),
          this.emails.pendingFor(event.eventId),
        ]);
    await this.jobs.enqueueMany([
      ...deliveryIds.map((id) => ({
        name: 'webhooks.deliver' as const,
        payload: { deliveryId: id, attempt: 1 },
        jobId: id,
      })),
      ...emailIds.map((id) => ({
        name: 'webhooks.send-email' as const,
        payload: { emailId: id },
        jobId: id,
      })),
    ]);
  }

  private async notice(audience: Audience) {
    const message: NotificationMessage = notificationMessage(audience.facts);
    const [organization, members] = await Promise.all([
      this.directory.get(audience.organizationId),
      this.directory.activeMembers(audience.organizationId),
    ]);
    const recipients = members.filter((member) => EMAIL_ROLES.includes(member.role as OrganizationRole));
    const emailText =
      `${message.body}\n\nOpen it in Carryover: ${this.settings.appUrl}${message.link}\n\n` +
      `You receive this e-mail as a member of ${organization.name} on Carryover.\n`;
    return {
      organizationId: audience.organizationId,
      kind: audience.facts.type,
      message,
      recipients: recipients.map((member) => member.email),
      emailText,
    };
  }
}
