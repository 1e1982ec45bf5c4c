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
  const canonical = canonicalJson({
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
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
