import { ForbiddenError } from '@carryover/shared';
import type { Actor } from '@carryover/identity';

/** Who has read a notification: the signed-in user, or the API key an integration calls with. */
export function readerOf(actor: Actor): string {
  const reader = actor.userId ?? actor.apiKeyId;
  if (!reader)
    throw new ForbiddenError('organization_required', 'This action needs an organisation account.');
  return reader;
}
