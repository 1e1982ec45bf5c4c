import type { ComplianceRule, ComplianceSubject, TransferMethod } from '../compliance.types';
import { formatList, policyLabel } from '../rule-detail';

/**
 * The transfer methods this trade could use: the lot's, narrowed to the counterparty's when given,
 * narrowed to what the policy allows. Lot order is kept so callers can prefer the seller's first.
 */
export function usableTransferMethods(subject: ComplianceSubject): TransferMethod[] {
  const { lot, policy, transferMethods: counterparty } = subject;
  return lot.transferMethods.filter(
    (method, index) =>
      lot.transferMethods.indexOf(method) === index &&
      (counterparty === undefined || counterparty.includes(method)) &&
      policy.transferMethods.includes(method),
  );
}

/** Blocks when no transfer method is offered by the lot, accepted by the counterparty and allowed by the policy. */
export const transferMethodNotAllowedRule: ComplianceRule<'transfer_method_not_allowed'> = {
  name: 'transfer_method_not_allowed',
  evaluate(subject) {
    const { lot, policy, transferMethods: counterparty } = subject;
    const usable = usableTransferMethods(subject);
    if (usable.length > 0) {
      return {
        rule: 'transfer_method_not_allowed',
        outcome: 'pass',
        detail: `${policyLabel(policy)} allows this trade to transfer by ${formatList(usable)}.`,
      };
    }
    const accepted =
      counterparty === undefined ? '' : ` and the counterparty accepts ${formatList(counterparty)}`;
    return {
      rule: 'transfer_method_not_allowed',
      outcome: 'block',
      detail:
        `${policyLabel(policy)} allows ${formatList(policy.transferMethods)}; ` +
        `this lot offers ${formatList(lot.transferMethods)}${accepted}, leaving no usable transfer method.`,
    };
  },
};
