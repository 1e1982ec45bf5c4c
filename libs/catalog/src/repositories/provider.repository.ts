import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { toProviderPolicy } from '../domain/policy.mapper';
import type { Provider, ProviderPolicy } from '../domain/policy';
import { ProviderPolicyEntity } from '../entities/provider-policy.entity';
import { ProviderEntity } from '../entities/provider.entity';

@Injectable()
export class ProviderRepository {
  constructor(
    @InjectRepository(ProviderEntity) private readonly providers: Repository<ProviderEntity>,
    @InjectRepository(ProviderPolicyEntity) private readonly policies: Repository<ProviderPolicyEntity>,
  ) {}

  /** Every provider with its newest policy version, by code. */
  async listWithCurrentPolicy(): Promise<Provider[]> {
    const [providers, current] = await Promise.all([
      this.providers.find({ order: { code: 'ASC' } }),
      this.policies
        .createQueryBuilder('policy')
        .distinctOn(['policy.providerCode'])
        .orderBy('policy.providerCode', 'ASC')
        .addOrderBy('policy.version', 'DESC')
        .getMany(),
    ]);
    const byCode = new Map(current.map((row) => [row.providerCode, toProviderPolicy(row)]));
    return providers.flatMap((p) => {
      const policy = byCode.get(p.code);
      return policy ? [{ code: p.code, name: p.name, currencies: p.currencies, policy }] : [];
    });
  }

  /** Those of `codes` that exist, each with its newest policy: one query however many codes. */
  async findManyWithCurrentPolicy(codes: readonly string[], manager?: EntityManager): Promise<Provider[]> {
    if (codes.length === 0) return [];
    const policies = manager ? manager.getRepository(ProviderPolicyEntity) : this.policies;
    const { entities, raw } = await policies
      .createQueryBuilder('policy')
      .innerJoin(ProviderEntity, 'provider', 'provider.code = policy.providerCode')
      .addSelect('provider.name', 'provider_name')
      .addSelect('provider.currencies', 'provider_currencies')
      .distinctOn(['policy.providerCode'])
      .where('policy.providerCode IN (:...codes)', { codes })
      .orderBy('policy.providerCode', 'ASC')
      .addOrderBy('policy.version', 'DESC')
      .getRawAndEntities<{
        policy_provider_code: string;
        provider_name: string;
        provider_currencies: string[];
      }>();
    const providers = new Map(raw.map((row) => [row.policy_provider_code, row]));
    return entities.flatMap((row) => {
      const provider = providers.get(row.providerCode);
      if (!provider) return [];
      const policy = toProviderPolicy(row);
      return [
        {
          code: row.providerCode,
          name: provider.provider_name,
          currencies: provider.provider_currencies,
          policy,
        },
      ];
    });
  }

  async findWithCurrentPolicy(code: string, manager?: EntityManager): Promise<Provider | null> {
    const providers = manager ? manager.getRepository(ProviderEntity) : this.providers;
    const provider = await providers.findOne({ where: { code } });
    if (!provider) return null;
    const policy = await this.findPolicy(code, undefined, manager);
    return policy
      ? { code: provider.code, name: provider.name, currencies: provider.currencies, policy }
      : null;
  }

  /** A given version, or the newest when no version is named. */
  async findPolicy(code: string, version?: number, manager?: EntityManager): Promise<ProviderPolicy | null> {
    const policies = manager ? manager.getRepository(ProviderPolicyEntity) : this.policies;
    const row = await policies.findOne({
      where: version === undefined ? { providerCode: code } : { providerCode: code, version },
      order: { version: 'DESC' },
    });
    return row ? toProviderPolicy(row) : null;
  }

  async listPolicyVersions(code: string): Promise<ProviderPolicy[]> {
    const rows = await this.policies.find({ where: { providerCode: code }, order: { version: 'DESC' } });
    return rows.map(toProviderPolicy);
  }

  /** Locks the provider row so concurrent policy edits get consecutive versions. */
  lockProvider(manager: EntityManager, code: string): Promise<ProviderEntity | null> {
    return manager
      .getRepository(ProviderEntity)
      .findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
  }

  async insertPolicy(
    manager: EntityManager,
    row: Omit<ProviderPolicyEntity, 'createdAt'>,
  ): Promise<ProviderPolicy> {
    const repository = manager.getRepository(ProviderPolicyEntity);
    return toProviderPolicy(await repository.save(repository.create(row)));
  }
}
