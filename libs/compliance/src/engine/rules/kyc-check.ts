import type { ComplianceCheck, ComplianceOutcome, KycStatus, PartySnapshot } from '../compliance.types';

const KYC_OUTCOME: Record<KycStatus, ComplianceOutcome> = {
  verified: 'pass',
  pending: 'review',
  rejected: 'block',
};

/** The shared verdict of the seller and buyer KYC rules: verified passes, pending reviews, rejected blocks. */
export function kycCheck<N extends 'seller_kyc_not_verified' | 'buyer_kyc_not_verified'>(
  rule: N,
  role: 'Seller' | 'Buyer',
  party: PartySnapshot,
): ComplianceCheck & { rule: N } {
  const who = `${role} ${party.legalEntityName} (organisation ${party.organizationId})`;
  const detail: Record<KycStatus, string> = {
    verified: `${who} has passed KYC verification.`,
    pending: `${who} has not finished KYC verification; an operator must verify the organisation first.`,
    rejected: `${who} failed KYC verification and may not trade.`,
  };
  return { rule, outcome: KYC_OUTCOME[party.kycStatus], detail: detail[party.kycStatus] };
}
