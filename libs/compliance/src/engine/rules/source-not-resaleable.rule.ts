import type { ComplianceRule } from '../compliance.types';
import { formatList, policyLabel } from '../rule-detail';

/** Blocks credits whose source (e.g. a promotional grant) the provider does not let be resold. */
export const sourceNotResaleableRule: ComplianceRule<'source_not_resaleable'> = {
  name: 'source_not_resaleable',
  evaluate({ policy, lot }) {
    if (policy.resaleableSources.includes(lot.source)) {
      return {
        rule: 'source_not_resaleable',
        outcome: 'pass',
        detail: `${policyLabel(policy)} allows credits from ${lot.source} to be resold.`,
      };
    }
    return {
      rule: 'source_not_resaleable',
      outcome: 'block',
      detail:
        `${policyLabel(policy)} allows resale only of credits from ${formatList(policy.resaleableSources)}; ` +
        `this lot's credits come from ${lot.source}.`,
    };
  },
};
