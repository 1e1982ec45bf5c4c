import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, systemActor } from '@carryover/audit';
import { JobQueue } from '@carryover/jobs';
import { Clock } from '@carryover/shared';
import { SIGNATURE_HEADER, signWebhookBody } from '../domain/webhook-signature';
import { WebhookSender, type WebhookResponse } from '../delivery/webhook-sender';
import { NOTIFICATION_SETTINGS, retryDelayMs, type NotificationSettings } from '../notification-settings';
import {
  WebhookDeliveryRepository,
  type DeliveryToAttempt,
} from '../repositories/webhook-delivery.repository';
import { WebhookEndpointRepository } from '../repositories/webhook-endpoint.repository';

export interface DeliverWebhookCommand {
  deliveryId: string;
  /** The attempt this job was scheduled for; a job for an attempt already made does nothing. */
  attempt: number;
}

/**
 * Makes one attempt of a delivery: signs the stored body with the endpoint's secret, POSTs it, and logs the
 * attempt (unique per number) with the delivery's next state in one transaction. A failure with attempts
 * left schedules the next one after an exponential backoff; the last failure counts against the endpoint,
 * which is disabled after WEBHOOK_DISABLE_AFTER_FAILURES such deliveries in a row.
 */
@Injectable()
export class DeliverWebhookUseCase {
  private readonly logger = new Logger(DeliverWebhookUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly sender: WebhookSender,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

  async execute(command: DeliverWebhookCommand): Promise<void> {
    const delivery = await this.deliveries.findToAttempt(command.deliveryId);
    if (!delivery || delivery.status === 'succeeded' || delivery.status === 'failed') return;
    if (delivery.attemptCount >= command.attempt) {
      // This attempt was made; a crash may have lost the next one's job, which is enqueued idempotently.
      if (delivery.status === 'retrying') await this.scheduleNext(delivery.id, delivery.attemptCount);
      return;
    }
    if (delivery.endpointDisabled || delivery.endpointDeleted) {
      const reason = delivery.endpointDeleted ? 'endpoint deleted' : 'endpoint disabled';
      await this.dataSource.transaction((manager) =>
        this.deliveries.abandon(manager, delivery.id, reason, this.clock.now()),
      );
      return;
    }

    const attemptNumber = delivery.attemptCount + 1;
    const response = await this.post(delivery, attemptNumber);
    const status = await this.record(delivery, attemptNumber, response);
    if (status === 'retrying') await this.scheduleNext(delivery.id, attemptNumber);
  }

  private post(delivery: DeliveryToAttempt, attemptNumber: number): Promise<WebhookResponse> {
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    return this.sender.send({
      url: delivery.url,
      body: delivery.body,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Carryover-Webhooks/1',
        [SIGNATURE_HEADER]: signWebhookBody(delivery.secret, timestamp, delivery.body),
        'Carryover-Delivery-Id': delivery.id,
        'Carryover-Attempt': String(attemptNumber),
      },
    });
  }

  private async record(delivery: DeliveryToAttempt, attemptNumber: number, response: WebhookResponse) {
    const { maxAttempts, disableAfterFailures } = this.settings.webhooks;
    const at = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const current = await this.deliveries.findToAttempt(delivery.id, manager);
      // Another run recorded this attempt meanwhile (a stalled job run twice): keep the first record.
      if (!current || current.attemptCount !== attemptNumber - 1) return current?.status ?? 'failed';
      const retry = !response.ok && attemptNumber < maxAttempts;
      const status = await this.deliveries.recordAttempt(manager, delivery.id, {
        attemptNumber,
        outcome: response.ok ? 'succeeded' : 'failed',
        responseStatus: response.status,
        error: response.error?.slice(0, 1000) ?? null,
        durationMs: response.durationMs,
        attemptedAt: at,
        nextAttemptAt: retry
          ? new Date(at.getTime() + retryDelayMs(this.settings.webhooks, attemptNumber))
          : null,
      });
      if (status === 'succeeded') await this.endpoints.recordSuccess(manager, delivery.endpointId);
      if (status === 'failed') {
        const disabled = await this.endpoints.recordFailure(
          manager,
          delivery.endpointId,
          disableAfterFailures,
          at,
        );
        if (disabled) {
          this.logger.warn(
            `Webhook endpoint ${delivery.endpointId} disabled after ${disableAfterFailures} failed deliveries`,
          );
          await this.audit.append(manager, {
            actor: systemActor(),
            action: 'notifications.webhook_endpoint_disabled',
            entity: 'webhook_endpoint',
            entityId: delivery.endpointId,
            data: { failedDeliveries: disableAfterFailures, lastError: response.error ?? null },
          });
        }
      }
      return status;
    });
  }

  private async scheduleNext(deliveryId: string, attemptMade: number): Promise<void> {
    const delayMs = retryDelayMs(this.settings.webhooks, attemptMade);
    await this.jobs.enqueue(
      'webhooks.deliver',
      { deliveryId, attempt: attemptMade + 1 },
      // Not the delivery id alone: that id stays taken by the first attempt's job while Redis keeps it.
      { jobId: `${deliveryId}-attempt-${attemptMade + 1}`, delayMs },
    );
  }
}
