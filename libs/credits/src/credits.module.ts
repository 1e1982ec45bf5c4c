import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@carryover/audit';
import { CatalogModule } from '@carryover/catalog';
import { ComplianceModule } from '@carryover/compliance';
import { IdentityModule } from '@carryover/identity';
import { CreditLotEntity } from './entities/credit-lot.entity';
import { CreditLotRepository } from './repositories/credit-lot.repository';
import { CreditLotHoldings } from './services/credit-lot-holdings.service';
import { CreditLotQueryService } from './services/credit-lot-query.service';
import { DecideCreditLotUseCase } from './use-cases/decide-credit-lot.use-case';
import { RegisterCreditLotUseCase } from './use-cases/register-credit-lot.use-case';

@Module({
  imports: [
    TypeOrmModule.forFeature([CreditLotEntity]),
    AuditModule,
    CatalogModule,
    ComplianceModule,
    IdentityModule,
  ],
  providers: [
    CreditLotRepository,
    CreditLotQueryService,
    CreditLotHoldings,
    RegisterCreditLotUseCase,
    DecideCreditLotUseCase,
  ],
  exports: [CreditLotQueryService, CreditLotHoldings, RegisterCreditLotUseCase],
})
export class CreditsModule {}
