import { createHash } from 'node:crypto';
import { canonicalJson, type JsonObject } from '@carryover/shared';
import type { AuditActorType } from './audit-event.types';

/** Exactly the fields a link's hash covers; changing this list breaks verification of every stored row. */
export interface AuditHashInput {
  prevHash: string | null;
  actorType: AuditActorType;
  actorId: string | null;
  actorOrganizationId: string | null;
  action: string;
  entity: string;
  entityId: string;
  data: JsonObject;
  reason: string | null;
  at: Date;
}

/** sha256 (lowercase hex) over the RFC 8785 encoding of the event and the previous link's hash. */
export function computeAuditHash(input: AuditHashInput): string {
  return createHash('sha256').update(canonicalAuditJson(input), 'utf8').digest('hex');
}

/**
 * The hashed text of a link before its previous hash is known, as the text on either side of that hash:
 * `before + JSON.stringify(prevHash) + after` is exactly what computeAuditHash hashes. The database appends
 * links with it (audit_append), reading the chain's tip under the chain's lock in the same statement.
 */
export interface AuditHashParts {
  before: string;
  after: string;
}

// RFC 8785 sorts keys: every other field's key sorts before "prevHash" except "reason", which follows it.
const PREV_HASH_SLOT = ',"prevHash":null,';

export function auditHashParts(input: Omit<AuditHashInput, 'prevHash'>): AuditHashParts {
  const canonical = canonicalAuditJson({ ...input, prevHash: null });
  // The last occurrence: `data` (earlier in the text) may hold the same characters; the reason string cannot.
  const slot = canonical.lastIndexOf(PREV_HASH_SLOT);
  return {
    before: `${canonical.slice(0, slot)},"prevHash":`,
    after: `,${canonical.slice(slot + PREV_HASH_SLOT.length)}`,
  };
}

function canonicalAuditJson(input: AuditHashInput): string {
  return canonicalJson({
    prevHash: input.prevHash,
    actorType: input.actorType,
    actorId: input.actorId,
    actorOrganizationId: input.actorOrganizationId,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId,
    data: input.data,
    reason: input.reason,
    at: input.at.toISOString(),
  });
}
