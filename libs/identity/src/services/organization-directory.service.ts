import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, type EntityManager, type Repository } from 'typeorm';
import { decodeCursor, NotFoundError, toPage, type Page } from '@carryover/shared';
import { toOrganizationView } from '../domain/mappers';
import type { KycStatus } from '../domain/role';
import type { OrganizationView, UserView } from '../domain/views';
import { OrganizationEntity } from '../entities/organization.entity';
import { UserEntity } from '../entities/user.entity';
import type { PageRequest } from '../repositories/organization-scoped.repository';

/** What other domains and operators may know about an organisation: its profile, and whom to write to (never keys). */
@Injectable()
export class OrganizationDirectory {
  constructor(
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  /** The organisation's active members, oldest first: who messages to the organisation go to. */
  async activeMembers(organizationId: string): Promise<Pick<UserView, 'id' | 'email' | 'name' | 'role'>[]> {
    const rows = await this.users.find({
      select: { id: true, email: true, name: true, role: true },
      where: { organizationId, disabledAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map((row) => ({ id: row.id, email: row.email, name: row.name, role: row.role }));
  }

  async get(organizationId: string, manager?: EntityManager): Promise<OrganizationView> {
    const repository = manager ? manager.getRepository(OrganizationEntity) : this.organizations;
    const row = await repository.findOne({ where: { id: organizationId } });
    if (!row) throw new NotFoundError('Organization', organizationId);
    return toOrganizationView(row);
  }

  /** Several organisations in one query, by id; throws NotFound for the first id that does not exist. */
  async getMany(
    organizationIds: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, OrganizationView>> {
    const ids = [...new Set(organizationIds)];
    if (ids.length === 0) return new Map();
    const repository = manager ? manager.getRepository(OrganizationEntity) : this.organizations;
    const rows = await repository.find({ where: { id: In(ids) } });
    const found = new Map(rows.map((row) => [row.id, toOrganizationView(row)]));
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined) throw new NotFoundError('Organization', missing);
    return found;
  }

  /** For operators: every organisation, optionally by KYC status, newest first. */
  async page(request: PageRequest & { kycStatus?: KycStatus }): Promise<Page<OrganizationView>> {
    const qb = this.organizations
      .createQueryBuilder('org')
      .orderBy('org.createdAt', 'DESC')
      .addOrderBy('org.id', 'DESC')
      .take(request.limit + 1);
    if (request.kycStatus) qb.andWhere('org.kycStatus = :status', { status: request.kycStatus });
    if (request.cursor) {
      const position = decodeCursor(request.cursor);
      qb.andWhere('(org.createdAt, org.id) < (:at, :id)', { at: position.at, id: position.id });
    }
    const page = toPage(await qb.getMany(), request.limit, (row) => ({ at: row.createdAt, id: row.id }));
    return { data: page.data.map(toOrganizationView), nextCursor: page.nextCursor };
  }
}
