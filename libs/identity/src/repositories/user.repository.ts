import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
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

export type ActiveIdentity = Pick<UserEntity, 'id' | 'organizationId' | 'role'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
   * Who an access token's user is now, for every authenticated request: one indexed read by primary key.
   * The reads asked for in one turn of the event loop go to the database as one query (a DataLoader with
   * no cache): each request still reads rows as they stand after it arrived, never an earlier answer.
   */
  async findActiveIdentity(id: string): Promise<ActiveIdentity | null> {
    // Not a user id at all: no user, and no malformed value in a query other requests share.
    return UUID.test(id) ? this.identities.load(id) : null;
  }

  private readonly identities = new DataLoader<string, ActiveIdentity | null>(
    async (ids) => {
      const rows = (await this.users.query(
        'SELECT id, organization_id, role FROM users WHERE id = ANY($1::uuid[]) AND disabled_at IS NULL',
        [ids],
      )) as Array<{ id: string; organization_id: string | null; role: UserEntity['role'] }>;
      const byId = new Map(
        rows.map((row) => [
          row.id.toLowerCase(),
          { id: row.id, organizationId: row.organization_id, role: row.role },
        ]),
      );
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    },
    { cache: false, maxBatchSize: 500, batchScheduleFn: (load) => setImmediate(load) },
  );

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
