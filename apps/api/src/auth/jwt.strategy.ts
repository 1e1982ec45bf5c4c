import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import {
  AuthenticationService,
  JWT_AUDIENCE,
  JWT_ISSUER,
  type AccessTokenClaims,
  type Actor,
} from '@carryover/identity';
import { UnauthenticatedError } from '@carryover/shared';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: ConfigService,
    private readonly authentication: AuthenticationService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, so jsonwebtoken does not try (and fail) to parse the string as a PEM key per request.
      // passport-jwt hands it to jsonwebtoken.verify unchanged; its types only list string | Buffer.
      secretOrKey: createSecretKey(Buffer.from(config.getOrThrow<string>('JWT_SECRET'))) as unknown as Buffer,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<Actor> {
    const actor = await this.authentication.actorForToken(claims);
    if (!actor) throw new UnauthenticatedError('invalid_token', 'This access token is no longer valid.');
    return actor;
  }
}
