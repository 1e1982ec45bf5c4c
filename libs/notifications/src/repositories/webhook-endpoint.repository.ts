import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type EntityManager, type Repository } from 'typeorm';
import { OrganizationScopedRepository, type OrganizationScope } from '@carryover/identity';
import { NotFoundError } from '@carryover/shared';
import type { WebhookEventType } from '../domain/webhook-events';
import { WebhookEndpointEntity } from '../entities/webhook-endpoint.entity';

export interface NewWebhookEndpoint {
  organizationId: string;
  url: string;
  events: WebhookEventType[];
  secret: string;
  createdByUserId: string | null;
}

@Injectable()
export class WebhookEndpointRepository {
  /** Scoped reads; deleted endpoints are filtered by the callers' `deletedAt: IsNull()`. */
  readonly scoped: OrganizationScopedRepository<WebhookEndpointEntity>;

  constructor(
    @InjectRepository(WebhookEndpointEntity) private readonly endpoints: Repository<WebhookEndpointEntity>,
  ) {
    this.scoped = new OrganizationScopedRepository(endpoints, 'Webhook endpoint');
  }

  /** The caller's endpoint that is not deleted, or NotFoundError. */
  async getLive(
    scope: OrganizationScope,
    id: string,
    manager?: EntityManager,
  ): Promise<WebhookEndpointEntity> {
    const scoped = manager ? this.scoped.withManager(manager) : this.scoped;
    const row = await scoped.findOne(scope, { id, deletedAt: IsNull() });
    if (!row) throw new NotFoundError('Webhook endpoint', id);
    return row;
  }

  /** Locks the organisation's live endpoints, so concurrent creations count each other. */
  async lockLive(manager: EntityManager, scope: OrganizationScope): Promise<number> {
    const rows = await manager.getRepository(WebhookEndpointEntity).find({
      where: { organizationId: scope.organizationId, deletedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    return rows.length;
  }

  async insert(manager: EntityManager, endpoint: NewWebhookEndpoint): Promise<WebhookEndpointEntity> {
    const repository = manager.getRepository(WebhookEndpointEntity);
    return repository.save(repository.create({ ...endpoint }));
  }

  async markDeleted(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.getRepository(WebhookEndpointEntity).update({ id }, { deletedAt: at });
  }

  /** A delivery's outcome for its endpoint: a success resets the failure streak. */
  async recordSuccess(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE webhook_endpoints SET consecutive_failures = 0, updated_at = now()
        WHERE id = $1 AND consecutive_failures <> 0`,
      [id],
    );
  }

  /**
   * A delivery failed for good: lengthens the streak and disables the endpoint when it reaches `limit`.
   * Returns true when this call disabled it.
   */
  async recordFailure(manager: EntityManager, id: string, limit: number, at: Date): Promise<boolean> {
    const [rows]: [{ disabled_now: boolean }[], number] = await manager.query(
      `UPDATE webhook_endpoints e
          SET consecutive_failures = e.consecutive_failures + 1,
              disabled_at = CASE WHEN e.disabled_at IS NULL AND e.consecutive_failures + 1 >= $2
                                 THEN $3::timestamptz ELSE e.disabled_at END,
              disabled_reason = CASE WHEN e.disabled_at IS NULL AND e.consecutive_failures + 1 >= $2
                                     THEN $4 ELSE e.disabled_reason END,
              updated_at = now()
         FROM (SELECT id, disabled_at FROM webhook_endpoints WHERE id = $1 FOR UPDATE) before
        WHERE e.id = before.id
        RETURNING (before.disabled_at IS NULL AND e.disabled_at IS NOT NULL) AS disabled_now`,
      [id, limit, at, `${limit} deliveries in a row failed after every retry`],
    );
    return rows[0]?.disabled_now ?? false;
  }
}
