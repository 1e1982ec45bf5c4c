import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { ForbiddenError } from '@carryover/shared';
import { auditActorOf, OrganizationScope, type Actor } from '../domain/actor';
import { toApiKeyView } from '../domain/mappers';
import type { OrganizationRole } from '../domain/role';
import type { ApiKeyView } from '../domain/views';
import { ApiKeyRepository } from '../repositories/api-key.repository';
import { displayPrefix, generateApiKey, hashApiKey } from '../services/api-key-codec';

export interface CreateApiKeyCommand {
  name: string;
  role: OrganizationRole;
}

/** Creates an API key for the caller's organisation. The plain key is returned once and never stored. */
@Injectable()
export class CreateApiKeyUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuditService,
  ) {}

  async execute(actor: Actor, command: CreateApiKeyCommand): Promise<ApiKeyView & { key: string }> {
    const scope = OrganizationScope.of(actor);
    if (actor.userId === null) {
      // Keys mint keys only through a person, so every key traces back to someone who signed in.
      throw new ForbiddenError('user_required', 'API keys can only be created by a signed-in user.');
    }
    const createdByUserId = actor.userId;
    const key = generateApiKey();

    return this.dataSource.transaction(async (manager) => {
      const row = await this.keys.insert(manager, {
        organizationId: scope.organizationId,
        name: command.name.trim(),
        role: command.role,
        prefix: displayPrefix(key),
        keyHash: hashApiKey(key),
        createdByUserId,
      });
      await this.audit.append(manager, {
        actor: auditActorOf(actor),
        action: 'identity.api_key_created',
        entity: 'api_key',
        entityId: row.id,
        data: { name: row.name, role: row.role, prefix: row.prefix },
      });
      return { ...toApiKeyView(row), key };
    });
  }
}
