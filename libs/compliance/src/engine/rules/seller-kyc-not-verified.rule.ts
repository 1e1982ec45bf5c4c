import type { ComplianceRule } from '../compliance.types';
import { kycCheck } from './kyc-check';

/** Reviews a seller whose KYC is pending and blocks one whose KYC was rejected. */
export const sellerKycNotVerifiedRule: ComplianceRule<'seller_kyc_not_verified'> = {
  name: 'seller_kyc_not_verified',
  evaluate: ({ seller }) => kycCheck('seller_kyc_not_verified', 'Seller', seller),
};
