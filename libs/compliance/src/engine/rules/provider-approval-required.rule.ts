import type { ComplianceRule, PolicySnapshot } from '../compliance.types';
import { policyLabel } from '../rule-detail';

/** True when the provider must approve each trade before the transfer may start. */
export function needsProviderApproval(policy: PolicySnapshot): boolean {
  return policy.resale === 'approval_required';
}

/**
 * Passes, but records whether the provider must approve the trade; settlement then waits for that
 * approval. Not applicable when resale is prohibited, since there is nothing to approve.
 */
export const providerApprovalRequiredRule: ComplianceRule<'provider_approval_required'> = {
  name: 'provider_approval_required',
  evaluate({ policy }) {
    if (policy.resale === 'prohibited') return null;
    const detail = needsProviderApproval(policy)
      ? `${policyLabel(policy)} requires the provider's approval of each resale; the transfer waits until the provider approves this trade.`
      : `${policyLabel(policy)} does not require the provider's approval for resale.`;
    return { rule: 'provider_approval_required', outcome: 'pass', detail };
  },
};
