import type { ComplianceRule } from '../compliance.types';
import { formatList, policyLabel } from '../rule-detail';

/** A legal entity name for comparison: Unicode NFC, trimmed, whitespace collapsed, case folded. */
export function normaliseLegalEntityName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

// Country codes arrive from forms and policy editors; compare them the way ISO writes them.
function normaliseCountry(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * Blocks a buyer the policy does not allow: a different legal entity when resale is limited to the
 * seller's own entity, or a buyer outside the allowed regions. Applies only when there is a buyer.
 */
export const buyerNotEligibleRule: ComplianceRule<'buyer_not_eligible'> = {
  name: 'buyer_not_eligible',
  evaluate({ policy, seller, buyer }) {
    if (!buyer) return null;
    const { sameLegalEntityOnly, regions } = policy.buyerEligibility;
    const reasons: string[] = [];
    if (
      sameLegalEntityOnly &&
      normaliseLegalEntityName(buyer.legalEntityName) !== normaliseLegalEntityName(seller.legalEntityName)
    ) {
      reasons.push(
        `only allows resale within the seller's own legal entity, ${seller.legalEntityName}, ` +
          `but the buyer is ${buyer.legalEntityName}`,
      );
    }
    if (regions !== null && !regions.map(normaliseCountry).includes(normaliseCountry(buyer.country))) {
      reasons.push(`only allows buyers in ${formatList(regions)}, but the buyer is in ${buyer.country}`);
    }
    if (reasons.length > 0) {
      return {
        rule: 'buyer_not_eligible',
        outcome: 'block',
        detail: `${policyLabel(policy)} ${reasons.join('; it also ')}.`,
      };
    }
    return {
      rule: 'buyer_not_eligible',
      outcome: 'pass',
      detail: `${buyer.legalEntityName} (${buyer.country}) may buy under ${policyLabel(policy)}.`,
    };
  },
};
