import { Injectable } from '@nestjs/common';
import { NotFoundError, type Page } from '@carryover/shared';
import { OrganizationScope, type Actor } from '../domain/actor';
import { toApiKeyView, toOrganizationView, toUserView } from '../domain/mappers';
import type { ApiKeyView, OrganizationView, UserView } from '../domain/views';
import { ApiKeyRepository } from '../repositories/api-key.repository';
import type { PageRequest } from '../repositories/organization-scoped.repository';
import { OrganizationRepository } from '../repositories/organization.repository';
import { UserRepository } from '../repositories/user.repository';

/** Identity reads, each confined to the caller's organisation. */
@Injectable()
export class IdentityQueryService {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly users: UserRepository,
    private readonly keys: ApiKeyRepository,
  ) {}

  async me(actor: Actor): Promise<{ user: UserView | null; organization: OrganizationView | null }> {
    const user = actor.userId ? await this.users.findActiveById(actor.userId) : null;
    const organization = actor.organizationId
      ? await this.organizations.findOwn(OrganizationScope.of(actor))
      : null;
    if (actor.userId && !user) throw new NotFoundError('User', actor.userId);
    return {
      user: user ? toUserView(user) : null,
      organization: organization ? toOrganizationView(organization) : null,
    };
  }

  async listMembers(actor: Actor, request: PageRequest): Promise<Page<UserView>> {
    const page = await this.users.scoped.page(OrganizationScope.of(actor), request);
    return { data: page.data.map(toUserView), nextCursor: page.nextCursor };
  }

  async getMember(actor: Actor, id: string): Promise<UserView> {
    return toUserView(await this.users.scoped.getById(OrganizationScope.of(actor), id));
  }

  /** Whether an operator account with this e-mail exists (the demo seed's idempotency check). */
  async operatorExists(email: string): Promise<boolean> {
    const user = await this.users.findForLogin(email.trim().toLowerCase());
    return user?.role === 'operator';
  }

  async listApiKeys(actor: Actor, request: PageRequest): Promise<Page<ApiKeyView>> {
    const page = await this.keys.scoped.page(OrganizationScope.of(actor), request);
    return { data: page.data.map(toApiKeyView), nextCursor: page.nextCursor };
  }
}
