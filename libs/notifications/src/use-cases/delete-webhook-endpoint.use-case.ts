import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { auditActorOf, OrganizationScope, type Actor } from '@carryover/identity';
import { Clock, NotFoundError } from '@carryover/shared';
import { WebhookEndpointRepository } from '../repositories/webhook-endpoint.repository';

/**
 * Deletes one of the caller's endpoints: nothing more is sent to it (deliveries still waiting are given
 * up), and it and its delivery log disappear from the API. The rows stay for the audit trail.
 */
@Injectable()
export class DeleteWebhookEndpointUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, id: string): Promise<void> {
    const scope = OrganizationScope.of(actor);
    await this.dataSource.transaction(async (manager) => {
      const endpoint = await this.endpoints.scoped.withManager(manager).getByIdForUpdate(scope, id);
      if (endpoint.deletedAt) throw new NotFoundError('Webhook endpoint', id);
      await this.endpoints.markDeleted(manager, endpoint.id, this.clock.now());
      await this.audit.append(manager, {
        actor: auditActorOf(actor),
        action: 'notifications.webhook_endpoint_deleted',
        entity: 'webhook_endpoint',
        entityId: endpoint.id,
        data: { url: endpoint.url },
      });
    });
  }
}
