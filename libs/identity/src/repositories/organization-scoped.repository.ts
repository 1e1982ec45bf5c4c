import type { EntityManager, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import { decodeCursor, NotFoundError, toPage, type Page } from '@carryover/shared';
import type { OrganizationScope } from '../domain/actor';

export interface PageRequest {
  limit: number;
  cursor?: string;
}

interface OwnedRow extends ObjectLiteral {
  id: string;
  organizationId: string | null;
  createdAt: Date;
}

/**
 * Reads of organisation-owned rows that always carry the caller's organisation in the WHERE clause.
 * Every method takes an OrganizationScope, so code that reads another organisation's row does not compile.
 */
export class OrganizationScopedRepository<T extends OwnedRow> {
  constructor(
    private readonly repository: Repository<T>,
    private readonly entityName: string,
  ) {}

  /** The same reads bound to a transaction's EntityManager. */
  withManager(manager: EntityManager): OrganizationScopedRepository<T> {
    return new OrganizationScopedRepository(
      manager.getRepository<T>(this.repository.target),
      this.entityName,
    );
  }

  async findOne(scope: OrganizationScope, where: FindOptionsWhere<T>): Promise<T | null> {
    return this.repository.findOne({ where: this.scoped(scope, where) });
  }

  /** The row with this id in the caller's organisation, or NotFoundError (never a hint that it exists elsewhere). */
  async getById(scope: OrganizationScope, id: string): Promise<T> {
    const row = await this.findOne(scope, { id } as FindOptionsWhere<T>);
    if (!row) throw new NotFoundError(this.entityName, id);
    return row;
  }

  /** Locks the caller's row for the rest of the transaction (SELECT ... FOR UPDATE). */
  async getByIdForUpdate(scope: OrganizationScope, id: string): Promise<T> {
    const row = await this.repository.findOne({
      where: this.scoped(scope, { id } as FindOptionsWhere<T>),
      lock: { mode: 'pessimistic_write' },
    });
    if (!row) throw new NotFoundError(this.entityName, id);
    return row;
  }

  /** Newest first, keyset-paginated on (createdAt, id). */
  async page(
    scope: OrganizationScope,
    request: PageRequest,
    where: FindOptionsWhere<T> = {},
  ): Promise<Page<T>> {
    const qb = this.repository
      .createQueryBuilder('row')
      .where({ ...where, organizationId: scope.organizationId })
      .orderBy('row.createdAt', 'DESC')
      .addOrderBy('row.id', 'DESC')
      .take(request.limit + 1);
    if (request.cursor) {
      const position = decodeCursor(request.cursor);
      qb.andWhere('(row.createdAt, row.id) < (:at, :id)', { at: position.at, id: position.id });
    }
    const rows = await qb.getMany();
    return toPage(rows, request.limit, (row) => ({ at: row.createdAt, id: row.id }));
  }

  private scoped(scope: OrganizationScope, where: FindOptionsWhere<T>): FindOptionsWhere<T> {
    return { ...where, organizationId: scope.organizationId } as FindOptionsWhere<T>;
  }
}
