import { ProviderPolicyEntity } from './entities/provider-policy.entity';
import { ProviderEntity } from './entities/provider.entity';

export const CATALOG_ENTITIES = [ProviderEntity, ProviderPolicyEntity];

export * from './catalog.module';
export * from './domain/policy';
export { CatalogService } from './services/catalog.service';
export { UpdateProviderPolicyUseCase } from './use-cases/update-provider-policy.use-case';
