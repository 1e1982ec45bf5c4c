import type { AuditActor } from './audit-event.types';

export function systemActor(): AuditActor {
  return { type: 'system', id: null, organizationId: null };
}

export function anonymousActor(): AuditActor {
  return { type: 'anonymous', id: null, organizationId: null };
}

export function userActor(userId: string, organizationId: string): AuditActor {
  return { type: 'user', id: userId, organizationId };
}

/** An API key acts as its organisation; the key id says which integration did it. */
export function apiKeyActor(apiKeyId: string, organizationId: string): AuditActor {
  return { type: 'api_key', id: apiKeyId, organizationId };
}

/** Operators are platform staff and belong to no customer organisation. */
export function operatorActor(userId: string): AuditActor {
  return { type: 'operator', id: userId, organizationId: null };
}
