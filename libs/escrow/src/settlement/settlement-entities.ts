import { ReconciliationDifferenceEntity } from '../reconciliation/reconciliation-difference.entity';
import { TradeRefundEntity } from './trade-refund.entity';
import { TradeTransferEntity } from './trade-transfer.entity';

/** Tables of escrow's settlement side, for the one DataSource in migrations/data-source.ts. */
export const ESCROW_SETTLEMENT_ENTITIES = [
  TradeTransferEntity,
  TradeRefundEntity,
  ReconciliationDifferenceEntity,
];
