import type { CreditLotView } from '@carryover/credits';
import type { PartySnapshot } from '@carryover/compliance';
import { isValidPriceSpec, type Listing, type PriceSpec } from '@carryover/matching';
import { ValidationError } from '@carryover/shared';
import type { ListingEntity } from '../entities/listing.entity';
import type { SellSide } from '../matching/trade-writer';

/**
 * A schedule must price the listing for as long as it can trade: its lowest tier may not start later
 * than the policy's transfer window (the days between tradableUntil and expiry).
 */
export function assertListingTerms(
  command: { quantityMinor: bigint; price: PriceSpec; minFillMinor?: bigint },
  policyMinDaysToExpiry: number,
): void {
  if (!isValidPriceSpec(command.price)) {
    throw new ValidationError([
      { field: 'priceSchedule', message: 'tiers need distinct minDaysToExpiry >= 0 and priceBps 1..10000' },
    ]);
  }
  if (typeof command.price !== 'number') {
    const lowest = Math.min(...command.price.map((tier) => tier.minDaysToExpiry));
    if (lowest > policyMinDaysToExpiry) {
      throw new ValidationError([
        {
          field: 'priceSchedule',
          message: `needs a tier with minDaysToExpiry <= ${policyMinDaysToExpiry}, so the listing is priced until it stops trading`,
        },
      ]);
    }
  }
  if (command.minFillMinor !== undefined && command.minFillMinor > command.quantityMinor) {
    throw new ValidationError([{ field: 'minFillMinor', message: 'must not exceed quantityMinor' }]);
  }
}

export function toEngineListing(row: ListingEntity): Listing {
  return {
    id: row.id,
    sellerOrgId: row.organizationId,
    quantityMinor: row.remainingMinor,
    minFillMinor: row.minFillMinor,
    price: row.priceBps ?? row.priceSchedule ?? [],
    expiresAtMs: row.expiresAt.getTime(),
    tradableUntilMs: row.tradableUntil.getTime(),
    transferMethods: row.transferMethods,
  };
}

export function toSellSide(row: ListingEntity, seller: PartySnapshot, lot: CreditLotView): SellSide {
  return {
    id: row.id,
    creditLotId: row.creditLotId,
    seller,
    lot: {
      id: lot.id,
      status: lot.status,
      faceValueMinor: lot.faceValueMinor,
      currency: lot.currency,
      expiresAt: lot.expiresAt,
      source: lot.source,
      transferMethods: lot.transferMethods,
    },
    transferMethods: row.transferMethods,
    expiresAtMs: row.expiresAt.getTime(),
  };
}
