import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '../domain/role';
import type { IssuedToken } from '../domain/views';

export const JWT_ISSUER = 'carryover';
export const JWT_AUDIENCE = 'carryover-api';
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

/** The claims Carryover puts in an access token; the role is re-read from the database on every request. */
export interface AccessTokenClaims {
  sub: string;
  org: string | null;
  role: Role;
}

@Injectable()
export class TokenService {
  private readonly ttlSeconds: number;

  constructor(
    private readonly jwt: JwtService,
    config: ConfigService,
  ) {
    this.ttlSeconds = Number(config.get('JWT_TTL_SECONDS') ?? DEFAULT_TOKEN_TTL_SECONDS);
  }

  async issue(user: { id: string; organizationId: string | null; role: Role }): Promise<IssuedToken> {
    const ttlSeconds = this.ttlSeconds;
    const claims: AccessTokenClaims = { sub: user.id, org: user.organizationId, role: user.role };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: ttlSeconds,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    });
    return { accessToken, expiresIn: ttlSeconds };
  }
}
