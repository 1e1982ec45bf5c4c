import type { ComplianceSubject, LotSnapshot, PartySnapshot, PolicySnapshot } from '../compliance.types';

/** 2026-03-01T00:00:00Z: the moment most tests evaluate at. */
export const AT = new Date('2026-03-01T00:00:00.000Z');

/** A permissive Anthropic policy: every rule passes against the defaults below. */
export function aPolicy(overrides: Partial<PolicySnapshot> = {}): PolicySnapshot {
  return {
    providerCode: 'anthropic',
    version: 3,
    resale: 'allowed',
    transferMethods: ['account_transfer', 'invoice_reassignment'],
    minDaysToExpiry: 14,
    resaleableSources: ['prepaid_purchase', 'commitment'],
    buyerEligibility: { sameLegalEntityOnly: false, regions: null },
    maxLotFaceValueMinor: 5_000_000n,
    ...overrides,
  };
}

/** A verified seller organisation. */
export function aSeller(overrides: Partial<PartySnapshot> = {}): PartySnapshot {
  return {
    organizationId: 'org-seller',
    legalEntityName: 'Acme Analytics GmbH',
    country: 'DE',
    kycStatus: 'verified',
    ...overrides,
  };
}

/** A verified buyer organisation, distinct from the seller. */
export function aBuyer(overrides: Partial<PartySnapshot> = {}): PartySnapshot {
  return {
    organizationId: 'org-buyer',
    legalEntityName: 'Globex Research Ltd',
    country: 'GB',
    kycStatus: 'verified',
    ...overrides,
  };
}

/** A verified $10,000.00 lot of prepaid credits expiring 2026-06-01, well beyond the policy minimum. */
export function aLot(overrides: Partial<LotSnapshot> = {}): LotSnapshot {
  return {
    id: 'lot-1',
    status: 'verified',
    faceValueMinor: 1_000_000n,
    currency: 'USD',
    expiresAt: new Date('2026-06-01T00:00:00.000Z'),
    source: 'prepaid_purchase',
    transferMethods: ['account_transfer'],
    ...overrides,
  };
}

/** A listing-time subject (no buyer) on which every rule passes. */
export function aSubject(overrides: Partial<ComplianceSubject> = {}): ComplianceSubject {
  return {
    policy: aPolicy(),
    seller: aSeller(),
    lot: aLot(),
    listing: { quantityMinor: 1_000_000n },
    at: AT,
    ...overrides,
  };
}

/** A match-time subject with a buyer, on which every rule passes. */
export function aMatchSubject(overrides: Partial<ComplianceSubject> = {}): ComplianceSubject {
  return aSubject({
    buyer: aBuyer(),
    transferMethods: ['account_transfer', 'structured_resale'],
    ...overrides,
  });
}
