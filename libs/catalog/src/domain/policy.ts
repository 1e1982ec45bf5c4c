export const RESALE_POLICIES = ['allowed', 'approval_required', 'prohibited'] as const;
export type ResalePolicy = (typeof RESALE_POLICIES)[number];

export const TRANSFER_METHODS = ['account_transfer', 'invoice_reassignment', 'structured_resale'] as const;
export type TransferMethod = (typeof TRANSFER_METHODS)[number];

export const CREDIT_SOURCES = ['prepaid_purchase', 'commitment', 'promotional_grant'] as const;
export type CreditSource = (typeof CREDIT_SOURCES)[number];

export interface BuyerEligibility {
  /** Credits may move only to the seller's own legal entity (e.g. within one billing profile). */
  sameLegalEntityOnly: boolean;
  /** ISO 3166-1 alpha-2 countries a buyer may be in; null means any. */
  regions: string[] | null;
}

/** The terms a provider sets for reselling its credits, as an operator recorded them. */
export interface PolicyTerms {
  resale: ResalePolicy;
  transferMethods: TransferMethod[];
  minDaysToExpiry: number;
  resaleableSources: CreditSource[];
  buyerEligibility: BuyerEligibility;
  maxLotFaceValueMinor: bigint | null;
  notes: string;
  sourceUrl: string | null;
}

/** One immutable version of a provider's policy. */
export interface ProviderPolicy extends PolicyTerms {
  providerCode: string;
  version: number;
  createdAt: Date;
  createdByUserId: string | null;
}

export interface Provider {
  code: string;
  name: string;
  currencies: string[];
  policy: ProviderPolicy;
}
