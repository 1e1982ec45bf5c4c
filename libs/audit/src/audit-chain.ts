import { computeAuditHash } from './audit-hash';
import type { AuditChainReport, AuditEvent } from './audit-event.types';

export const EMPTY_CHAIN_REPORT: AuditChainReport = {
  ok: true,
  checked: 0,
  lastHash: null,
  firstBreak: null,
};

/**
 * Walks `events` in seq order and reports the first link that does not hold. Pass the report of the
 * previous batch as `from` to continue a walk, so a long chain can be checked in pages.
 */
export function verifyAuditChain(
  events: Iterable<AuditEvent>,
  from: AuditChainReport = EMPTY_CHAIN_REPORT,
): AuditChainReport {
  if (!from.ok) return from;
  let { checked, lastHash } = from;
  for (const event of events) {
    if (event.prevHash !== lastHash) {
      return {
        ok: false,
        checked,
        lastHash,
        firstBreak: {
          seq: event.seq,
          id: event.id,
          problem: 'prev_hash_mismatch',
          expected: lastHash,
          actual: event.prevHash,
        },
      };
    }
    const recomputed = computeAuditHash(event);
    if (recomputed !== event.hash) {
      return {
        ok: false,
        checked,
        lastHash,
        firstBreak: {
          seq: event.seq,
          id: event.id,
          problem: 'hash_mismatch',
          expected: recomputed,
          actual: event.hash,
        },
      };
    }
    checked += 1;
    lastHash = event.hash;
  }
  return { ok: true, checked, lastHash, firstBreak: null };
}
