import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@carryover/audit';
import { ProviderPolicyEntity } from './entities/provider-policy.entity';
import { ProviderEntity } from './entities/provider.entity';
import { ProviderRepository } from './repositories/provider.repository';
import { CatalogService } from './services/catalog.service';
import { UpdateProviderPolicyUseCase } from './use-cases/update-provider-policy.use-case';

@Module({
  imports: [TypeOrmModule.forFeature([ProviderEntity, ProviderPolicyEntity]), AuditModule],
  providers: [ProviderRepository, CatalogService, UpdateProviderPolicyUseCase],
  exports: [CatalogService, UpdateProviderPolicyUseCase],
})
export class CatalogModule {}
