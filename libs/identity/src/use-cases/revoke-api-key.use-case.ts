import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { Clock, ConflictError } from '@carryover/shared';
import { auditActorOf, OrganizationScope, type Actor } from '../domain/actor';
import { ApiKeyRepository } from '../repositories/api-key.repository';

/** Revokes one of the caller's organisation's keys; authentication reads revocation on every request. */
@Injectable()
export class RevokeApiKeyUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, keyId: string, reason?: string): Promise<void> {
    const scope = OrganizationScope.of(actor);
    await this.dataSource.transaction(async (manager) => {
      const key = await this.keys.scoped.withManager(manager).getByIdForUpdate(scope, keyId);
      if (key.revokedAt !== null)
        throw new ConflictError('already_revoked', 'This API key was already revoked.');
      await this.keys.revoke(manager, key.id, this.clock.now());
      await this.audit.append(manager, {
        actor: auditActorOf(actor),
        action: 'identity.api_key_revoked',
        entity: 'api_key',
        entityId: key.id,
        data: { name: key.name, prefix: key.prefix },
        reason,
      });
    });
  }
}
