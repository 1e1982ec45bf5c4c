import type { ProviderPolicy } from '@carryover/catalog';
import type { OrganizationView } from '@carryover/identity';
import type { PartySnapshot, PolicySnapshot } from '../engine';

export function toPolicySnapshot(policy: ProviderPolicy): PolicySnapshot {
  return {
    providerCode: policy.providerCode,
    version: policy.version,
    resale: policy.resale,
    transferMethods: policy.transferMethods,
    minDaysToExpiry: policy.minDaysToExpiry,
    resaleableSources: policy.resaleableSources,
    buyerEligibility: policy.buyerEligibility,
    maxLotFaceValueMinor: policy.maxLotFaceValueMinor,
  };
}

export function toPartySnapshot(organization: OrganizationView): PartySnapshot {
  return {
    organizationId: organization.id,
    legalEntityName: organization.legalEntityName,
    country: organization.country,
    kycStatus: organization.kycStatus,
  };
}
