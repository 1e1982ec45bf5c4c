import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { ConflictError } from '@carryover/shared';
import { auditActorOf, OrganizationScope, type Actor } from '../domain/actor';
import { toUserView } from '../domain/mappers';
import type { OrganizationRole } from '../domain/role';
import type { UserView } from '../domain/views';
import { UserRepository } from '../repositories/user.repository';
import { assertNotLastAdmin } from './last-admin.guard';

/** An org_admin changes a member's role; the organisation always keeps at least one active org_admin. */
@Injectable()
export class ChangeMemberRoleUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly audit: AuditService,
  ) {}

  async execute(actor: Actor, memberId: string, role: OrganizationRole): Promise<UserView> {
    const scope = OrganizationScope.of(actor);
    return this.dataSource.transaction(async (manager) => {
      const admins = await this.users.lockActiveAdmins(manager, scope);
      const member = await this.users.scoped.withManager(manager).getByIdForUpdate(scope, memberId);
      if (member.disabledAt !== null)
        throw new ConflictError('member_removed', 'This member has been removed.');
      if (member.role === role) return toUserView(member);
      if (member.role === 'org_admin') assertNotLastAdmin(admins, member.id);

      await this.users.update(manager, member.id, { role });
      await this.audit.append(manager, {
        actor: auditActorOf(actor),
        action: 'identity.member_role_changed',
        entity: 'user',
        entityId: member.id,
        data: { from: member.role, to: role },
      });
      return toUserView({ ...member, role });
    });
  }
}
