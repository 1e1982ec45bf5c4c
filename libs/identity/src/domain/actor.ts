import type { AuditActor } from '@carryover/audit';
import { ForbiddenError } from '@carryover/shared';
import type { Role } from './role';

/** Who is calling: a signed-in user or an organisation's API key, already authenticated. */
export interface Actor {
  kind: 'user' | 'api_key';
  /** The user behind the call; null for an API key. */
  userId: string | null;
  apiKeyId: string | null;
  /** The organisation the caller acts for; null for platform operators. */
  organizationId: string | null;
  role: Role;
}

/**
 * The organisation a query is confined to. Scoped repositories take one of these instead of a bare id,
 * and the only way to get one is from an authenticated actor, so a read cannot wander across organisations.
 */
export class OrganizationScope {
  private constructor(readonly organizationId: string) {}

  static of(actor: Actor): OrganizationScope {
    if (actor.organizationId === null) {
      throw new ForbiddenError('organization_required', 'This action needs an organisation account.');
    }
    return new OrganizationScope(actor.organizationId);
  }
}

/** How the audit log records this actor. */
export function auditActorOf(actor: Actor): AuditActor {
  if (actor.kind === 'api_key')
    return { type: 'api_key', id: actor.apiKeyId, organizationId: actor.organizationId };
  return {
    type: actor.role === 'operator' ? 'operator' : 'user',
    id: actor.userId,
    organizationId: actor.organizationId,
  };
}
