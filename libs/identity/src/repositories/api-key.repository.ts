import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, Or, type EntityManager, Repository } from 'typeorm';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { OrganizationScopedRepository } from './organization-scoped.repository';

export type NewApiKey = Pick<
  ApiKeyEntity,
  'organizationId' | 'name' | 'role' | 'prefix' | 'keyHash' | 'createdByUserId'
>;

@Injectable()
export class ApiKeyRepository {
  readonly scoped: OrganizationScopedRepository<ApiKeyEntity>;

  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {
    this.scoped = new OrganizationScopedRepository(keys, 'API key');
  }

  insert(manager: EntityManager, key: NewApiKey): Promise<ApiKeyEntity> {
    const repository = manager.getRepository(ApiKeyEntity);
    return repository.save(repository.create(key));
  }

  /** The unrevoked key with this hash: a revoked key fails on its very next request. */
  findActiveByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOne({ where: { keyHash, revokedAt: IsNull() } });
  }

  async revoke(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.getRepository(ApiKeyEntity).update({ id }, { revokedAt: at });
  }

  /** Records use at most once a minute per key, so authentication does not write on every request. */
  async touch(id: string, at: Date): Promise<void> {
    const staleBefore = new Date(at.getTime() - 60_000);
    await this.keys.update({ id, lastUsedAt: Or(IsNull(), LessThan(staleBefore)) }, { lastUsedAt: at });
  }
}
