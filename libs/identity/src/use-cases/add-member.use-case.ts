import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { auditActorOf, OrganizationScope, type Actor } from '../domain/actor';
import { assertPasswordPolicy, normaliseEmail } from '../domain/credentials';
import { toUserView } from '../domain/mappers';
import type { OrganizationRole } from '../domain/role';
import type { UserView } from '../domain/views';
import { UserRepository } from '../repositories/user.repository';
import { PasswordHasher } from '../services/password-hasher.service';

export interface AddMemberCommand {
  email: string;
  name: string;
  password: string;
  role: OrganizationRole;
}

/** An org_admin adds a colleague to their own organisation. */
@Injectable()
export class AddMemberUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async execute(actor: Actor, command: AddMemberCommand): Promise<UserView> {
    const scope = OrganizationScope.of(actor);
    assertPasswordPolicy(command.password);
    const passwordHash = await this.passwords.hash(command.password);

    return this.dataSource.transaction(async (manager) => {
      const user = await this.users.insert(manager, {
        organizationId: scope.organizationId,
        email: normaliseEmail(command.email),
        name: command.name.trim(),
        passwordHash,
        role: command.role,
      });
      await this.audit.append(manager, {
        actor: auditActorOf(actor),
        action: 'identity.member_added',
        entity: 'user',
        entityId: user.id,
        data: { email: user.email, role: user.role, organizationId: scope.organizationId },
      });
      return toUserView(user);
    });
  }
}
