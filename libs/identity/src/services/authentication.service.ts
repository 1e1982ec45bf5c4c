import { Injectable } from '@nestjs/common';
import { Clock } from '@carryover/shared';
import type { Actor } from '../domain/actor';
import { ApiKeyRepository } from '../repositories/api-key.repository';
import { UserRepository } from '../repositories/user.repository';
import { hashApiKey, looksLikeApiKey } from './api-key-codec';
import type { AccessTokenClaims } from './token.service';

/** Turns verified credentials into an Actor, re-reading the database so removals and revocations apply at once. */
@Injectable()
export class AuthenticationService {
  constructor(
    private readonly users: UserRepository,
    private readonly keys: ApiKeyRepository,
    private readonly clock: Clock,
  ) {}

  /** The actor behind a verified access token, or null when the user has since been removed. */
  async actorForToken(claims: AccessTokenClaims): Promise<Actor | null> {
    const user = await this.users.findActiveIdentity(claims.sub);
    if (!user) return null;
    return {
      kind: 'user',
      userId: user.id,
      apiKeyId: null,
      organizationId: user.organizationId,
      role: user.role,
    };
  }

  /** The organisation an API key acts for, or null when the key is unknown or revoked. */
  async actorForApiKey(key: string): Promise<Actor | null> {
    if (!looksLikeApiKey(key)) return null;
    const row = await this.keys.findActiveByHash(hashApiKey(key));
    if (!row) return null;
    await this.keys.touch(row.id, this.clock.now());
    return {
      kind: 'api_key',
      userId: null,
      apiKeyId: row.id,
      organizationId: row.organizationId,
      role: row.role,
    };
  }
}
