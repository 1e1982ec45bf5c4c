import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor, Role } from '@carryover/identity';

export const IS_PUBLIC = 'carryover:public';
export const REQUIRED_ROLES = 'carryover:roles';

/** The route needs no credentials. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller's role must satisfy one of these (org_admin includes trader includes viewer). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The authenticated caller, as the authentication guard put it on the request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<Request>();
  return request.user as Actor;
});
