import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type EntityManager, Repository } from 'typeorm';
import { ConflictError, isUniqueViolation } from '@carryover/shared';
import type { OrganizationScope } from '../domain/actor';
import type { Role } from '../domain/role';
import { UserEntity } from '../entities/user.entity';
import { OrganizationScopedRepository } from './organization-scoped.repository';

export interface NewUser {
  organizationId: string | null;
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
}

@Injectable()
export class UserRepository {
  readonly scoped: OrganizationScopedRepository<UserEntity>;

  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {
    this.scoped = new OrganizationScopedRepository(users, 'Member');
  }

  /** Inserts a user; a taken e-mail (also under a concurrent insert) is 409 email_taken. */
  async insert(manager: EntityManager, user: NewUser): Promise<UserEntity> {
    try {
      const saved = await manager.getRepository(UserEntity).save(manager.create(UserEntity, user));
      return saved;
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) {
        throw new ConflictError('email_taken', 'An account with this e-mail already exists.');
      }
      throw error;
    }
  }

  /** The user with their password hash, for login only. */
  findForLogin(email: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email })
      .getOne();
  }

  /**
   * Who an access token's user is now, for every authenticated request: one indexed read by primary key,
   * written out rather than built, since it runs once per request.
   */
  async findActiveIdentity(id: string): Promise<Pick<UserEntity, 'id' | 'organizationId' | 'role'> | null> {
    const rows = (await this.users.query(
      'SELECT id, organization_id, role FROM users WHERE id = $1 AND disabled_at IS NULL',
      [id],
    )) as Array<{ id: string; organization_id: string | null; role: UserEntity['role'] }>;
    const row = rows[0];
    return row ? { id: row.id, organizationId: row.organization_id, role: row.role } : null;
  }

  findActiveById(id: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { id, disabledAt: IsNull() } });
  }

  /** Locks the organisation's active admins, so two concurrent demotions cannot remove the last one. */
  async lockActiveAdmins(manager: EntityManager, scope: OrganizationScope): Promise<UserEntity[]> {
    return manager.getRepository(UserEntity).find({
      where: { organizationId: scope.organizationId, role: 'org_admin', disabledAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<Pick<UserEntity, 'role' | 'disabledAt'>>,
  ): Promise<void> {
    await manager.getRepository(UserEntity).update({ id }, changes);
  }
}
