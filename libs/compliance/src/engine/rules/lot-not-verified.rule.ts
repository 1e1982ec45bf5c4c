import type { ComplianceOutcome, ComplianceRule, LotStatus } from '../compliance.types';

const LOT_OUTCOME: Record<LotStatus, ComplianceOutcome> = {
  verified: 'pass',
  pending_verification: 'review',
  rejected: 'block',
};

/** Reviews a lot an operator has not yet verified and blocks one that was rejected. */
export const lotNotVerifiedRule: ComplianceRule<'lot_not_verified'> = {
  name: 'lot_not_verified',
  evaluate({ lot }) {
    const detail: Record<LotStatus, string> = {
      verified: `Credit lot ${lot.id} has been verified.`,
      pending_verification: `Credit lot ${lot.id} is awaiting verification; an operator must check its evidence first.`,
      rejected: `Credit lot ${lot.id} was rejected at verification and may not trade.`,
    };
    return { rule: 'lot_not_verified', outcome: LOT_OUTCOME[lot.status], detail: detail[lot.status] };
  },
};
