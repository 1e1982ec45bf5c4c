export * from './compliance.types';
export { COMPLIANCE_RULES } from './compliance-rules';
export { evaluateCompliance } from './evaluate-compliance';
export { worstOutcome } from './outcome';
export { MS_PER_DAY, tradableUntil } from './tradable-until';
export { usableTransferMethods } from './rules/transfer-method-not-allowed.rule';
export { needsProviderApproval } from './rules/provider-approval-required.rule';
export { normaliseLegalEntityName } from './rules/buyer-not-eligible.rule';
