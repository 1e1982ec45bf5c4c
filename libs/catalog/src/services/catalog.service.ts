import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, NotFoundError } from '@carryover/shared';
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

  /**
   * The provider for something priced in `currency`: 422 unknown_provider or currency_not_supported,
   * each naming its field, when the market does not exist.
   */
  async requireMarket(code: string, currency: string, manager?: EntityManager): Promise<Provider> {
    return assertMarket(await this.providers.findWithCurrentPolicy(code, manager), code, currency);
  }

  /** `requireMarket` for several markets at once (two queries), by provider code; throws for the first bad one. */
  async requireMarkets(
    markets: ReadonlyArray<{ providerCode: string; currency: string }>,
    manager?: EntityManager,
  ): Promise<Map<string, Provider>> {
    const found = await this.providers.findManyWithCurrentPolicy(
      [...new Set(markets.map((market) => market.providerCode))],
      manager,
    );
    const byCode = new Map(found.map((provider) => [provider.code, provider]));
    for (const { providerCode, currency } of markets) {
      assertMarket(byCode.get(providerCode) ?? null, providerCode, currency);
    }
    return byCode;
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

function assertMarket(provider: Provider | null, code: string, currency: string): Provider {
  if (!provider) {
    throw new DomainError('business_rule', 'unknown_provider', `There is no provider "${code}".`, [
      { field: 'providerCode', message: 'is not a provider in the catalog (GET /v1/providers)' },
    ]);
  }
  if (!provider.currencies.includes(currency)) {
    throw new DomainError(
      'business_rule',
      'currency_not_supported',
      `${provider.name} credits are not traded in ${currency}.`,
      [{ field: 'currency', message: `must be one of ${provider.currencies.join(', ')}` }],
    );
  }
  return provider;
}
