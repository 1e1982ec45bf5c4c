import type { TransferMethod } from '@carryover/catalog';
import type { TradeEntity, TradeStatus } from '../entities/trade.entity';

export interface TradeView {
  id: string;
  status: TradeStatus;
  providerCode: string;
  currency: string;
  quantityMinor: bigint;
  priceBps: number;
  grossMinor: bigint;
  feeMinor: bigint;
  sellerProceedsMinor: bigint;
  transferMethod: TransferMethod;
  requiresProviderApproval: boolean;
  daysToExpiry: number;
  listingId: string;
  orderId: string;
  sellerOrganizationId: string;
  buyerOrganizationId: string;
  executedAt: Date;
}

export function toTradeView(row: TradeEntity): TradeView {
  return {
    id: row.id,
    status: row.status,
    providerCode: row.providerCode,
    currency: row.currency,
    quantityMinor: row.quantityMinor,
    priceBps: row.priceBps,
    grossMinor: row.grossMinor,
    feeMinor: row.feeMinor,
    sellerProceedsMinor: row.sellerProceedsMinor,
    transferMethod: row.transferMethod,
    requiresProviderApproval: row.requiresProviderApproval,
    daysToExpiry: row.daysToExpiry,
    listingId: row.listingId,
    orderId: row.orderId,
    sellerOrganizationId: row.sellerOrganizationId,
    buyerOrganizationId: row.buyerOrganizationId,
    executedAt: row.executedAt,
  };
}
