import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { roleSatisfies, type Actor, type Role } from '@carryover/identity';
import { ForbiddenError } from '@carryover/shared';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';

/** Global guard after authentication: enforces @Roles(...) on the handler or its controller. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (!required || required.length === 0) return true;

    const actor = context.switchToHttp().getRequest<Request>().user as Actor | undefined;
    if (actor && required.some((role) => roleSatisfies(actor.role, role))) return true;
    throw new ForbiddenError('insufficient_role', `This action needs the ${required.join(' or ')} role.`);
  }
}
