import { CreditLotEntity } from './entities/credit-lot.entity';

export const CREDITS_ENTITIES = [CreditLotEntity];

export * from './credits.module';
export { LOT_STATUSES, type LotStatus } from './entities/credit-lot.entity';
export { toCreditLotView, type CreditLotView } from './domain/credit-lot.view';
export { CreditLotQueryService, type CreditLotWithCompliance } from './services/credit-lot-query.service';
export {
  RegisterCreditLotUseCase,
  type RegisterCreditLotCommand,
} from './use-cases/register-credit-lot.use-case';
export { CreditLotHoldings } from './services/credit-lot-holdings.service';
