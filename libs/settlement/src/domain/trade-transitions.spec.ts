import { TRADE_STATUSES, type TradeStatus } from '@carryover/market';
import {
  findTransition,
  INTERRUPTIBLE_STATUSES,
  nextStatuses,
  TERMINAL_STATUSES,
  TRADE_TRANSITIONS,
  type TransitionTrigger,
} from './trade-transitions';

/** DESIGN.md "Trade lifecycle", written out pair by pair: every allowed step and who may make it. */
const EXPECTED: Record<string, TransitionTrigger[]> = {
  'awaiting_payment -> funded': ['system'],
  'awaiting_payment -> cancelled': ['system'],
  'funded -> awaiting_provider_approval': ['system'],
  'funded -> transfer_pending': ['system'],
  'awaiting_provider_approval -> transfer_pending': ['operator'],
  'transfer_pending -> transfer_submitted': ['seller'],
  'transfer_submitted -> verifying': ['system'],
  'verifying -> releasing': ['operator'],
  'releasing -> settled': ['system'],
  'funded -> refunding': ['system', 'operator'],
  'awaiting_provider_approval -> refunding': ['system', 'operator'],
  'transfer_pending -> refunding': ['system', 'operator'],
  'transfer_submitted -> refunding': ['system', 'operator'],
  'verifying -> refunding': ['system', 'operator'],
  'refunding -> refunded': ['system'],
  'funded -> disputed': ['buyer', 'seller'],
  'awaiting_provider_approval -> disputed': ['buyer', 'seller'],
  'transfer_pending -> disputed': ['buyer', 'seller'],
  'transfer_submitted -> disputed': ['buyer', 'seller'],
  'verifying -> disputed': ['buyer', 'seller'],
  'disputed -> releasing': ['operator'],
  'disputed -> refunding': ['operator'],
  'disputed -> partially_refunded': ['system'],
};

const ALL_PAIRS: Array<[TradeStatus, TradeStatus]> = TRADE_STATUSES.flatMap((from) =>
  TRADE_STATUSES.map((to): [TradeStatus, TradeStatus] => [from, to]),
);

describe('the trade transition table', () => {
  it.each(ALL_PAIRS)(
    '%s -> %s is allowed exactly when the lifecycle says so, for whom it says',
    (from, to) => {
      const expected = EXPECTED[`${from} -> ${to}`];
      const rule = findTransition(from, to);
      if (expected === undefined) {
        expect(rule).toBeUndefined();
      } else {
        expect(rule).toBeDefined();
        expect([...(rule?.by ?? [])].sort()).toEqual([...expected].sort());
      }
    },
  );

  it('lists each step once', () => {
    const keys = TRADE_TRANSITIONS.map((rule) => `${rule.from} -> ${rule.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('never leaves a terminal state, and never re-enters awaiting_payment', () => {
    for (const terminal of TERMINAL_STATUSES) expect(nextStatuses(terminal)).toEqual([]);
    expect(TRADE_TRANSITIONS.filter((rule) => rule.to === 'awaiting_payment')).toEqual([]);
  });

  it('lets a trade be disputed or refunded only after funding and before release', () => {
    const disputable = TRADE_TRANSITIONS.filter((rule) => rule.to === 'disputed').map((rule) => rule.from);
    expect(disputable.sort()).toEqual([...INTERRUPTIBLE_STATUSES].sort());
    const refundable = TRADE_TRANSITIONS.filter((rule) => rule.to === 'refunding').map((rule) => rule.from);
    expect(refundable.sort()).toEqual([...INTERRUPTIBLE_STATUSES, 'disputed'].sort());
    for (const late of ['releasing', 'settled', 'refunding'] as const) {
      expect(findTransition(late, 'disputed')).toBeUndefined();
    }
  });

  it('reaches a terminal state from every state (no trade can be stranded by the table)', () => {
    const reachesEnd = (status: TradeStatus, seen = new Set<TradeStatus>()): boolean => {
      if ((TERMINAL_STATUSES as readonly TradeStatus[]).includes(status)) return true;
      if (seen.has(status)) return false;
      seen.add(status);
      return nextStatuses(status).some((next) => reachesEnd(next, new Set(seen)));
    };
    for (const status of TRADE_STATUSES) expect(reachesEnd(status)).toBe(true);
  });
});
