import type { ComplianceRule } from '../compliance.types';
import { policyLabel } from '../rule-detail';

/** Blocks every trade in credits whose provider forbids resale. */
export const resaleProhibitedRule: ComplianceRule<'resale_prohibited'> = {
  name: 'resale_prohibited',
  evaluate({ policy }) {
    if (policy.resale === 'prohibited') {
      return {
        rule: 'resale_prohibited',
        outcome: 'block',
        detail: `${policyLabel(policy)} prohibits the resale of its credits.`,
      };
    }
    return {
      rule: 'resale_prohibited',
      outcome: 'pass',
      detail: `${policyLabel(policy)} permits the resale of its credits.`,
    };
  },
};
