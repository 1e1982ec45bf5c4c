import type { TransferMethod } from '@carryover/catalog';
import type { SettlementMoneyTrade } from '@carryover/escrow';
import type { TradeStatus } from '@carryover/market';

/** A trade as the settlement workflow reads it, under its row lock or not. */
export interface SettlementTrade {
  id: string;
  status: TradeStatus;
  listingId: string;
  orderId: string;
  creditLotId: string;
  sellerOrganizationId: string;
  buyerOrganizationId: string;
  providerCode: string;
  currency: string;
  quantityMinor: bigint;
  priceBps: number;
  grossMinor: bigint;
  feeBps: number;
  feeMinor: bigint;
  sellerProceedsMinor: bigint;
  transferMethod: TransferMethod;
  requiresProviderApproval: boolean;
  executedAt: Date;
}

/** What escrow needs of the trade to move its money. */
export function toMoneyTrade(trade: SettlementTrade): SettlementMoneyTrade {
  return {
    id: trade.id,
    currency: trade.currency,
    grossMinor: trade.grossMinor,
    feeMinor: trade.feeMinor,
    sellerProceedsMinor: trade.sellerProceedsMinor,
    sellerOrganizationId: trade.sellerOrganizationId,
    buyerOrganizationId: trade.buyerOrganizationId,
  };
}

/** The caller's side of the trade, or null when its organisation is neither party. */
export function sideOf(trade: SettlementTrade, organizationId: string | null): 'buy' | 'sell' | null {
  if (organizationId === null) return null;
  if (organizationId === trade.buyerOrganizationId) return 'buy';
  if (organizationId === trade.sellerOrganizationId) return 'sell';
  return null;
}
