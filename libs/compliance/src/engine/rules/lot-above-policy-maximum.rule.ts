import type { ComplianceRule } from '../compliance.types';
import { formatAmount, policyLabel } from '../rule-detail';

/**
 * Reviews a lot whose face value is above the policy's maximum lot size. The maximum carries no
 * currency of its own, so it is compared, in minor units, with the lot's face value.
 */
export const lotAbovePolicyMaximumRule: ComplianceRule<'lot_above_policy_maximum'> = {
  name: 'lot_above_policy_maximum',
  evaluate({ policy, lot }) {
    const max = policy.maxLotFaceValueMinor;
    const faceValue = formatAmount(lot.faceValueMinor, lot.currency);
    if (max === null) {
      return {
        rule: 'lot_above_policy_maximum',
        outcome: 'pass',
        detail: `${policyLabel(policy)} sets no maximum lot size; this lot's face value is ${faceValue}.`,
      };
    }
    const maximum = formatAmount(max, lot.currency);
    if (lot.faceValueMinor > max) {
      return {
        rule: 'lot_above_policy_maximum',
        outcome: 'review',
        detail:
          `This lot's face value of ${faceValue} is above the ${maximum} maximum lot size of ` +
          `${policyLabel(policy)}; an operator must review it.`,
      };
    }
    return {
      rule: 'lot_above_policy_maximum',
      outcome: 'pass',
      detail: `This lot's face value of ${faceValue} is within the ${maximum} maximum lot size of ${policyLabel(policy)}.`,
    };
  },
};
