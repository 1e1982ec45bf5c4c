import type { ComplianceRule } from '../compliance.types';

/** Blocks an organisation trading with itself; applies only when there is a buyer. */
export const selfTradeRule: ComplianceRule<'self_trade'> = {
  name: 'self_trade',
  evaluate({ seller, buyer }) {
    if (!buyer) return null;
    if (buyer.organizationId === seller.organizationId) {
      return {
        rule: 'self_trade',
        outcome: 'block',
        detail: `Buyer and seller are the same organisation (${seller.organizationId}); an organisation may not trade with itself.`,
      };
    }
    return {
      rule: 'self_trade',
      outcome: 'pass',
      detail: 'Buyer and seller are different organisations.',
    };
  },
};
