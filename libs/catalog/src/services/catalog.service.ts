import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotFoundError } from '@carryover/shared';
import type { Provider, ProviderPolicy } from '../domain/policy';
import { ProviderRepository } from '../repositories/provider.repository';

/** The catalog as other domains see it: providers and the policy versions their checks cite. */
@Injectable()
export class CatalogService {
  constructor(private readonly providers: ProviderRepository) {}

  listProviders(): Promise<Provider[]> {
    return this.providers.listWithCurrentPolicy();
  }

  /** The provider and its newest policy, or null for an unknown code. */
  findProvider(code: string, manager?: EntityManager): Promise<Provider | null> {
    return this.providers.findWithCurrentPolicy(code, manager);
  }

  async getProvider(code: string): Promise<Provider> {
    const provider = await this.providers.findWithCurrentPolicy(code);
    if (!provider) throw new NotFoundError('Provider', code);
    return provider;
  }

  async getPolicy(code: string, version: number, manager?: EntityManager): Promise<ProviderPolicy> {
    const policy = await this.providers.findPolicy(code, version, manager);
    if (!policy) throw new NotFoundError(`Policy version ${version} of provider`, code);
    return policy;
  }

  async listPolicyVersions(code: string): Promise<ProviderPolicy[]> {
    await this.getProvider(code);
    return this.providers.listPolicyVersions(code);
  }
}
