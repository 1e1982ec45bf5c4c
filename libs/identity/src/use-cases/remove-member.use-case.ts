import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { Clock, ConflictError } from '@carryover/shared';
import { auditActorOf, OrganizationScope, type Actor } from '../domain/actor';
import { UserRepository } from '../repositories/user.repository';
import { assertNotLastAdmin } from './last-admin.guard';

/** Disables a member: they can no longer sign in, and their past actions stay attributable in the audit log. */
@Injectable()
export class RemoveMemberUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, memberId: string): Promise<void> {
    const scope = OrganizationScope.of(actor);
    await this.dataSource.transaction(async (manager) => {
      const admins = await this.users.lockActiveAdmins(manager, scope);
      const member = await this.users.scoped.withManager(manager).getByIdForUpdate(scope, memberId);
      if (member.disabledAt !== null)
        throw new ConflictError('already_removed', 'This member was already removed.');
      if (member.role === 'org_admin') assertNotLastAdmin(admins, member.id);

      await this.users.update(manager, member.id, { disabledAt: this.clock.now() });
      await this.audit.append(manager, {
        actor: auditActorOf(actor),
        action: 'identity.member_removed',
        entity: 'user',
        entityId: member.id,
        data: { email: member.email, role: member.role },
      });
    });
  }
}
