/** How a compliance check, or a whole evaluation, ends: go ahead, ask an operator, or refuse. */
export type ComplianceOutcome = 'pass' | 'review' | 'block';

/** Whether a provider's terms of service let its credits be resold. */
export type ResalePolicy = 'allowed' | 'approval_required' | 'prohibited';

/** How credits move from seller to buyer. */
export type TransferMethod = 'account_transfer' | 'invoice_reassignment' | 'structured_resale';

/** How the seller came by the credits. */
export type CreditSource = 'prepaid_purchase' | 'commitment' | 'promotional_grant';

/** An organisation's know-your-customer verification state. */
export type KycStatus = 'pending' | 'verified' | 'rejected';

/** A credit lot's verification state. */
export type LotStatus = 'pending_verification' | 'verified' | 'rejected';

/**
 * Every rule the engine runs, in the order it runs them; `checks` in a result follow this order.
 * Stored results refer to these names, so renaming one needs a data migration.
 */
export const COMPLIANCE_RULE_NAMES = [
  'resale_prohibited',
  'provider_approval_required',
  'transfer_method_not_allowed',
  'source_not_resaleable',
  'too_close_to_expiry',
  'seller_kyc_not_verified',
  'lot_not_verified',
  'lot_above_policy_maximum',
  'buyer_not_eligible',
  'buyer_kyc_not_verified',
  'self_trade',
] as const;

/** The name of one compliance rule. */
export type ComplianceRuleName = (typeof COMPLIANCE_RULE_NAMES)[number];

/** One version of a provider's terms-of-service policy, as it stood when the evaluation ran. */
export interface PolicySnapshot {
  providerCode: string;
  version: number;
  resale: ResalePolicy;
  transferMethods: readonly TransferMethod[];
  /** Whole days before expiry by which a trade must be done, the time the transfer needs. */
  minDaysToExpiry: number;
  resaleableSources: readonly CreditSource[];
  buyerEligibility: {
    sameLegalEntityOnly: boolean;
    /** ISO 3166-1 alpha-2 country codes a buyer may be in; null allows any. */
    regions: readonly string[] | null;
  };
  /** Largest lot face value, in minor units, before an operator must look; null for no limit. */
  maxLotFaceValueMinor: bigint | null;
}

/** A seller or buyer organisation as the rules see it. */
export interface PartySnapshot {
  organizationId: string;
  legalEntityName: string;
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  kycStatus: KycStatus;
}

/** A seller's credit lot as the rules see it. */
export interface LotSnapshot {
  id: string;
  status: LotStatus;
  faceValueMinor: bigint;
  /** ISO 4217 currency code. */
  currency: string;
  expiresAt: Date;
  source: CreditSource;
  transferMethods: readonly TransferMethod[];
}

/** Everything one evaluation looks at; the caller loads it, the engine does no I/O. */
export interface ComplianceSubject {
  policy: PolicySnapshot;
  seller: PartySnapshot;
  lot: LotSnapshot;
  /** Present at listing and match time. */
  listing?: { quantityMinor: bigint };
  /** Present at match and release time; the buyer rules run only when it is. */
  buyer?: PartySnapshot;
  /** The methods the counterparty accepts (a buy order's), intersected with the lot's. */
  transferMethods?: readonly TransferMethod[];
  /** The moment of evaluation; the engine never reads the clock. */
  at: Date;
}

/** The verdict of one rule, with a sentence an operator can act on. */
export interface ComplianceCheck {
  rule: ComplianceRuleName;
  outcome: ComplianceOutcome;
  detail: string;
}

/** The verdict of a whole evaluation, stored with the policy version it was made under. */
export interface ComplianceResult {
  /** The worst outcome among `checks`. */
  outcome: ComplianceOutcome;
  policyVersion: number;
  providerCode: string;
  /** One entry per applicable rule, in `COMPLIANCE_RULE_NAMES` order; inapplicable rules are left out. */
  checks: ComplianceCheck[];
  /** True when the provider must approve the trade before the transfer may start. */
  requiresProviderApproval: boolean;
  evaluatedAt: Date;
}

/** One named rule; `evaluate` returns null when the rule does not apply to the subject. */
export interface ComplianceRule<N extends ComplianceRuleName = ComplianceRuleName> {
  readonly name: N;
  evaluate(subject: ComplianceSubject): (ComplianceCheck & { rule: N }) | null;
}
