import type { ComplianceRule } from '../compliance.types';
import { kycCheck } from './kyc-check';

/** Reviews a buyer whose KYC is pending and blocks one whose KYC was rejected; needs a buyer. */
export const buyerKycNotVerifiedRule: ComplianceRule<'buyer_kyc_not_verified'> = {
  name: 'buyer_kyc_not_verified',
  evaluate: ({ buyer }) => (buyer ? kycCheck('buyer_kyc_not_verified', 'Buyer', buyer) : null),
};
