import type { JsonObject } from '@carryover/shared';

export const AUDIT_ACTOR_TYPES = ['user', 'api_key', 'operator', 'system', 'anonymous'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/** Who did it: the authenticated principal, or the system itself for jobs and workflows. */
export interface AuditActor {
  type: AuditActorType;
  id: string | null;
  organizationId: string | null;
}

/** What a use case records; `data` is plain JSON and must never carry secrets (passwords, keys, tokens). */
export interface AuditEntry {
  actor: AuditActor;
  action: string;
  entity: string;
  entityId: string;
  data?: JsonObject;
  reason?: string | null;
}

/** One stored link of the chain. */
export interface AuditEvent {
  id: string;
  seq: bigint;
  actorType: AuditActorType;
  actorId: string | null;
  actorOrganizationId: string | null;
  action: string;
  entity: string;
  entityId: string;
  data: JsonObject;
  reason: string | null;
  at: Date;
  prevHash: string | null;
  hash: string;
}

export interface AuditEventQuery {
  entityId?: string;
  limit?: number;
  cursor?: string;
}

export type AuditChainProblem = 'prev_hash_mismatch' | 'hash_mismatch';

/** The first link that does not hold, with what was expected there. */
export interface AuditChainBreak {
  seq: bigint;
  id: string;
  problem: AuditChainProblem;
  expected: string | null;
  actual: string | null;
}

export interface AuditChainReport {
  ok: boolean;
  checked: number;
  lastHash: string | null;
  firstBreak: AuditChainBreak | null;
}
