import type { StoredComplianceResult } from '@carryover/compliance';
import { BusinessRuleError } from '@carryover/shared';

/** The release-time compliance check blocked the trade: 422 compliance_blocked with the failed rules. */
export function complianceBlocked(result: StoredComplianceResult): BusinessRuleError {
  return new BusinessRuleError(
    'compliance_blocked',
    'Releasing this trade would break the provider’s resale terms; it stays where it is.',
    {
      compliance: {
        outcome: result.outcome,
        policyVersion: result.policyVersion,
        checks: result.checks.filter((check) => check.outcome === 'block'),
      },
    },
  );
}
