import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { AuthenticationService, type Actor } from '@carryover/identity';
import { UnauthenticatedError } from '@carryover/shared';
import { IS_PUBLIC } from './auth.decorators';

export const API_KEY_HEADER = 'x-api-key';

/**
 * Global guard: every route needs a bearer token or an X-Api-Key unless marked @Public().
 * API keys are checked here; bearer tokens go through the passport-jwt strategy.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly authentication: AuthenticationService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;

    const request = context.switchToHttp().getRequest<Request>();
    const apiKey = request.header(API_KEY_HEADER);
    if (apiKey !== undefined) {
      const actor = await this.authentication.actorForApiKey(apiKey);
      if (!actor)
        throw new UnauthenticatedError('invalid_api_key', 'This API key is not valid or was revoked.');
      request.user = actor;
      return true;
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser = Actor>(error: unknown, user: TUser | false): TUser {
    if (error) throw error;
    if (!user)
      throw new UnauthenticatedError('unauthenticated', 'A valid bearer token or X-Api-Key is required.');
    return user;
  }
}
