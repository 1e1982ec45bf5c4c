import { COMPLIANCE_RULES } from './compliance-rules';
import type { ComplianceCheck, ComplianceResult, ComplianceSubject } from './compliance.types';
import { worstOutcome } from './outcome';
import { needsProviderApproval } from './rules/provider-approval-required.rule';

/**
 * Runs every compliance rule against the subject, in `COMPLIANCE_RULE_NAMES` order, and returns the
 * worst outcome with one check per applicable rule. Pure: same subject, same result; reads no clock.
 * Throws RangeError on an invalid `at`, `expiresAt` or `minDaysToExpiry`.
 */
export function evaluateCompliance(subject: ComplianceSubject): ComplianceResult {
  const checks: ComplianceCheck[] = [];
  for (const rule of COMPLIANCE_RULES) {
    const check = rule.evaluate(subject);
    if (check !== null) checks.push(check);
  }
  return {
    outcome: worstOutcome(checks.map((check) => check.outcome)),
    policyVersion: subject.policy.version,
    providerCode: subject.policy.providerCode,
    checks,
    requiresProviderApproval: needsProviderApproval(subject.policy),
    // A copy, so a caller mutating its clock value cannot rewrite a stored result.
    evaluatedAt: new Date(subject.at.getTime()),
  };
}
