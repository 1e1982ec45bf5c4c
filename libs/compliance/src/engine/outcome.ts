import type { ComplianceOutcome } from './compliance.types';

const SEVERITY: Record<ComplianceOutcome, number> = { pass: 0, review: 1, block: 2 };

/** The most severe of the outcomes (block > review > pass); 'pass' when there are none. */
export function worstOutcome(outcomes: Iterable<ComplianceOutcome>): ComplianceOutcome {
  let worst: ComplianceOutcome = 'pass';
  for (const outcome of outcomes) {
    if (SEVERITY[outcome] > SEVERITY[worst]) worst = outcome;
  }
  return worst;
}
