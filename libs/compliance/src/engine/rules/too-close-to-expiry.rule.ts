import type { ComplianceRule } from '../compliance.types';
import { policyLabel } from '../rule-detail';
import { assertValidDate, tradableUntil } from '../tradable-until';

/**
 * Blocks a lot that has expired, or that is too close to expiry for the transfer to finish:
 * it may trade only while `at < tradableUntil(expiresAt, policy.minDaysToExpiry)`.
 */
export const tooCloseToExpiryRule: ComplianceRule<'too_close_to_expiry'> = {
  name: 'too_close_to_expiry',
  evaluate({ policy, lot, at }) {
    assertValidDate(at, 'at');
    const until = tradableUntil(lot.expiresAt, policy.minDaysToExpiry);
    const expiresAt = lot.expiresAt.toISOString();
    if (lot.expiresAt.getTime() <= at.getTime()) {
      return {
        rule: 'too_close_to_expiry',
        outcome: 'block',
        detail: `This lot's credits expired at ${expiresAt}.`,
      };
    }
    if (at.getTime() >= until.getTime()) {
      return {
        rule: 'too_close_to_expiry',
        outcome: 'block',
        detail:
          `This lot was tradable only until ${until.toISOString()}: ${policyLabel(policy)} requires ` +
          `${policy.minDaysToExpiry} days before the credits expire at ${expiresAt}.`,
      };
    }
    return {
      rule: 'too_close_to_expiry',
      outcome: 'pass',
      detail:
        `This lot is tradable until ${until.toISOString()} (${policy.minDaysToExpiry} days before ` +
        `expiry at ${expiresAt}, per ${policyLabel(policy)}).`,
    };
  },
};
