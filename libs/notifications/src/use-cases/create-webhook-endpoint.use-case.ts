import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { auditActorOf, OrganizationScope, type Actor } from '@carryover/identity';
import { BusinessRuleError, ValidationError } from '@carryover/shared';
import { toWebhookEndpointView, type WebhookEndpointView } from '../domain/views';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../domain/webhook-events';
import { webhookUrlProblem } from '../domain/webhook-url-policy';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from '../notification-settings';
import { WebhookEndpointRepository } from '../repositories/webhook-endpoint.repository';

/** Live endpoints one organisation may have: each event is signed and sent once per endpoint. */
export const MAX_WEBHOOK_ENDPOINTS = 20;

export interface CreateWebhookEndpointCommand {
  url: string;
  events: WebhookEventType[];
}

/** Registers an endpoint for the caller's organisation; its signing secret is returned this once. */
@Injectable()
export class CreateWebhookEndpointUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly audit: AuditService,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

  async execute(
    actor: Actor,
    command: CreateWebhookEndpointCommand,
  ): Promise<WebhookEndpointView & { secret: string }> {
    const scope = OrganizationScope.of(actor);
    const url = command.url.trim();
    const problem = webhookUrlProblem(url, this.settings.webhooks);
    if (problem) throw new ValidationError([{ field: 'url', message: problem }]);
    // Catalogue order, each once.
    const events = WEBHOOK_EVENT_TYPES.filter((type) => command.events.includes(type));
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;

    return this.dataSource.transaction(async (manager) => {
      if ((await this.endpoints.lockLive(manager, scope)) >= MAX_WEBHOOK_ENDPOINTS) {
        throw new BusinessRuleError(
          'webhook_endpoint_limit',
          `An organisation can have at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints; delete one first.`,
        );
      }
      const row = await this.endpoints.insert(manager, {
        organizationId: scope.organizationId,
        url,
        events,
        secret,
        createdByUserId: actor.userId,
      });
      await this.audit.append(manager, {
        actor: auditActorOf(actor),
        action: 'notifications.webhook_endpoint_created',
        entity: 'webhook_endpoint',
        entityId: row.id,
        data: { url, events },
      });
      return { ...toWebhookEndpointView(row), secret };
    });
  }
}
