import type { TransferMethod } from '@carryover/catalog';
import type { TimeInForce } from '@carryover/matching';
import type { BuyOrderEntity, OrderStatus } from '../entities/buy-order.entity';

export interface OrderView {
  id: string;
  providerCode: string;
  currency: string;
  status: OrderStatus;
  quantityMinor: bigint;
  filledMinor: bigint;
  remainingMinor: bigint;
  maxPriceBps: number;
  minDaysToExpiry: number;
  transferMethods: TransferMethod[];
  minFillMinor: bigint;
  timeInForce: TimeInForce;
  goodTill: Date | null;
  createdAt: Date;
}

export function toOrderView(row: Omit<BuyOrderEntity, 'bookSeq'>): OrderView {
  return {
    id: row.id,
    providerCode: row.providerCode,
    currency: row.currency,
    status: row.status,
    quantityMinor: row.quantityMinor,
    filledMinor: row.filledMinor,
    remainingMinor: row.remainingMinor,
    maxPriceBps: row.maxPriceBps,
    minDaysToExpiry: row.minDaysToExpiry,
    transferMethods: row.transferMethods,
    minFillMinor: row.minFillMinor,
    timeInForce: row.timeInForce,
    goodTill: row.goodTill,
    createdAt: row.createdAt,
  };
}
