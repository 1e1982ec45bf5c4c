import type { TransferMethod } from '@carryover/catalog';
import type { StoredComplianceResult } from '@carryover/compliance';
import type { PriceTier } from '@carryover/matching';
import type { ListingEntity, ListingStatus } from '../entities/listing.entity';

export interface ListingView {
  id: string;
  organizationId: string;
  creditLotId: string;
  providerCode: string;
  currency: string;
  status: ListingStatus;
  quantityMinor: bigint;
  remainingMinor: bigint;
  filledMinor: bigint;
  priceBps: number | null;
  priceSchedule: PriceTier[] | null;
  effectivePriceBps: number;
  minFillMinor: bigint;
  expiresAt: Date;
  tradableUntil: Date;
  transferMethods: TransferMethod[];
  createdAt: Date;
  compliance: StoredComplianceResult | null;
}

export function toListingView(row: ListingEntity, compliance: StoredComplianceResult | null): ListingView {
  return {
    id: row.id,
    organizationId: row.organizationId,
    creditLotId: row.creditLotId,
    providerCode: row.providerCode,
    currency: row.currency,
    status: row.status,
    quantityMinor: row.quantityMinor,
    remainingMinor: row.remainingMinor,
    filledMinor: row.filledMinor,
    priceBps: row.priceBps,
    priceSchedule: row.priceSchedule,
    effectivePriceBps: row.effectivePriceBps,
    minFillMinor: row.minFillMinor,
    expiresAt: row.expiresAt,
    tradableUntil: row.tradableUntil,
    transferMethods: row.transferMethods,
    createdAt: row.createdAt,
    compliance,
  };
}
