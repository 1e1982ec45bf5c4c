import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { DomainEventBus } from '@carryover/shared';
import { assertPasswordPolicy, normaliseEmail } from '../domain/credentials';
import { toOrganizationView, toUserView } from '../domain/mappers';
import type { IssuedToken, OrganizationView, UserView } from '../domain/views';
import { OrganizationRepository } from '../repositories/organization.repository';
import { UserRepository } from '../repositories/user.repository';
import { PasswordHasher } from '../services/password-hasher.service';
import { TokenService } from '../services/token.service';

/** Published inside the registration transaction; payload `{organizationId, name}`. */
export const ORGANIZATION_REGISTERED = 'identity.organization_registered';

export interface RegisterOrganizationCommand {
  organization: { name: string; legalEntityName?: string; country: string };
  user: { email: string; password: string; name: string };
}

/** A new firm signs up: its organisation and first user (an org_admin) are created together or not at all. */
@Injectable()
export class RegisterOrganizationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationRepository,
    private readonly users: UserRepository,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
    private readonly tokens: TokenService,
    private readonly events: DomainEventBus,
  ) {}

  async execute(
    command: RegisterOrganizationCommand,
  ): Promise<{ organization: OrganizationView; user: UserView; token: IssuedToken }> {
    assertPasswordPolicy(command.user.password, 'user.password');
    const passwordHash = await this.passwords.hash(command.user.password);

    const registered = await this.dataSource.transaction(async (manager) => {
      const organization = await this.organizations.insert(manager, {
        name: command.organization.name.trim(),
        legalEntityName: (command.organization.legalEntityName ?? command.organization.name).trim(),
        country: command.organization.country.toUpperCase(),
      });
      const user = await this.users.insert(manager, {
        organizationId: organization.id,
        email: normaliseEmail(command.user.email),
        name: command.user.name.trim(),
        passwordHash,
        role: 'org_admin',
      });
      await this.audit.append(manager, {
        actor: { type: 'user', id: user.id, organizationId: organization.id },
        action: 'identity.organization_registered',
        entity: 'organization',
        entityId: organization.id,
        data: {
          name: organization.name,
          country: organization.country,
          adminUserId: user.id,
          adminEmail: user.email,
        },
      });
      await this.events.publish(manager, {
        name: ORGANIZATION_REGISTERED,
        payload: { organizationId: organization.id, name: organization.name },
      });
      return { organization: toOrganizationView(organization), user: toUserView(user) };
    });
    return { ...registered, token: await this.tokens.issue(registered.user) };
  }
}
