import { COMPLIANCE_RULE_NAMES, type ComplianceRule, type ComplianceRuleName } from './compliance.types';
import { buyerKycNotVerifiedRule } from './rules/buyer-kyc-not-verified.rule';
import { buyerNotEligibleRule } from './rules/buyer-not-eligible.rule';
import { lotAbovePolicyMaximumRule } from './rules/lot-above-policy-maximum.rule';
import { lotNotVerifiedRule } from './rules/lot-not-verified.rule';
import { providerApprovalRequiredRule } from './rules/provider-approval-required.rule';
import { resaleProhibitedRule } from './rules/resale-prohibited.rule';
import { sellerKycNotVerifiedRule } from './rules/seller-kyc-not-verified.rule';
import { selfTradeRule } from './rules/self-trade.rule';
import { sourceNotResaleableRule } from './rules/source-not-resaleable.rule';
import { tooCloseToExpiryRule } from './rules/too-close-to-expiry.rule';
import { transferMethodNotAllowedRule } from './rules/transfer-method-not-allowed.rule';

// A mapped type, so adding a name to COMPLIANCE_RULE_NAMES without a rule fails to compile.
const RULES_BY_NAME: { readonly [N in ComplianceRuleName]: ComplianceRule<N> } = {
  resale_prohibited: resaleProhibitedRule,
  provider_approval_required: providerApprovalRequiredRule,
  transfer_method_not_allowed: transferMethodNotAllowedRule,
  source_not_resaleable: sourceNotResaleableRule,
  too_close_to_expiry: tooCloseToExpiryRule,
  seller_kyc_not_verified: sellerKycNotVerifiedRule,
  lot_not_verified: lotNotVerifiedRule,
  lot_above_policy_maximum: lotAbovePolicyMaximumRule,
  buyer_not_eligible: buyerNotEligibleRule,
  buyer_kyc_not_verified: buyerKycNotVerifiedRule,
  self_trade: selfTradeRule,
};

/** Every rule, in the documented `COMPLIANCE_RULE_NAMES` order the engine runs them. */
export const COMPLIANCE_RULES: readonly ComplianceRule[] = Object.freeze(
  COMPLIANCE_RULE_NAMES.map((name): ComplianceRule => RULES_BY_NAME[name]),
);
