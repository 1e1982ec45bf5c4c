import type { ProviderPolicyEntity } from '../entities/provider-policy.entity';
import type { PolicyTerms, ProviderPolicy } from './policy';

export function toProviderPolicy(row: ProviderPolicyEntity): ProviderPolicy {
  return {
    providerCode: row.providerCode,
    version: row.version,
    resale: row.resale,
    transferMethods: row.transferMethods,
    minDaysToExpiry: row.minDaysToExpiry,
    resaleableSources: row.resaleableSources,
    buyerEligibility: { sameLegalEntityOnly: row.buyerSameLegalEntityOnly, regions: row.buyerRegions },
    maxLotFaceValueMinor: row.maxLotFaceValueMinor,
    notes: row.notes,
    sourceUrl: row.sourceUrl,
    createdAt: row.createdAt,
    createdByUserId: row.createdByUserId,
  };
}

export function toPolicyRow(
  providerCode: string,
  version: number,
  terms: PolicyTerms,
  createdByUserId: string | null,
): Omit<ProviderPolicyEntity, 'createdAt'> {
  return {
    providerCode,
    version,
    resale: terms.resale,
    transferMethods: [...new Set(terms.transferMethods)],
    minDaysToExpiry: terms.minDaysToExpiry,
    resaleableSources: [...new Set(terms.resaleableSources)],
    buyerSameLegalEntityOnly: terms.buyerEligibility.sameLegalEntityOnly,
    buyerRegions: terms.buyerEligibility.regions ? [...new Set(terms.buyerEligibility.regions)] : null,
    maxLotFaceValueMinor: terms.maxLotFaceValueMinor,
    notes: terms.notes,
    sourceUrl: terms.sourceUrl,
    createdByUserId,
  };
}
