import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { OrganizationScopedRepository, type PageRequest } from '@carryover/identity';
import { decodeCursor, NotFoundError, toPage, type Page } from '@carryover/shared';
import { ListingEntity, type ListingStatus } from '../entities/listing.entity';

export type NewListing = Omit<
  ListingEntity,
  'id' | 'filledMinor' | 'complianceResultId' | 'bookSeq' | 'createdAt' | 'updatedAt' | 'closedAt'
>;

@Injectable()
export class ListingRepository {
  readonly scoped: OrganizationScopedRepository<ListingEntity>;

  constructor(@InjectRepository(ListingEntity) private readonly listings: Repository<ListingEntity>) {
    this.scoped = new OrganizationScopedRepository(listings, 'Listing');
  }

  async insert(manager: EntityManager, listing: NewListing): Promise<ListingEntity> {
    const repository = manager.getRepository(ListingEntity);
    const { id } = await repository.save(repository.create(listing));
    return repository.findOneOrFail({ where: { id } });
  }

  async setCompliance(manager: EntityManager, id: string, complianceResultId: string): Promise<void> {
    await manager.getRepository(ListingEntity).update({ id }, { complianceResultId });
  }

  async get(manager: EntityManager, id: string): Promise<ListingEntity> {
    const row = await manager.getRepository(ListingEntity).findOne({ where: { id } });
    if (!row) throw new NotFoundError('Listing', id);
    return row;
  }

  /** Any listing: the market shows every listing, without its seller's identity. */
  findById(id: string): Promise<ListingEntity | null> {
    return this.listings.findOne({ where: { id } });
  }

  /** Across organisations, for the market view; open listings unless a status is asked for. */
  async browse(
    request: PageRequest & { providerCode?: string; status?: ListingStatus },
  ): Promise<Page<ListingEntity>> {
    const qb = this.listings
      .createQueryBuilder('listing')
      .where('listing.status IN (:...statuses)', {
        statuses: request.status ? [request.status] : ['active', 'partially_filled'],
      })
      .orderBy('listing.createdAt', 'DESC')
      .addOrderBy('listing.id', 'DESC')
      .take(request.limit + 1);
    if (request.providerCode) qb.andWhere('listing.providerCode = :code', { code: request.providerCode });
    if (request.cursor) {
      const position = decodeCursor(request.cursor);
      qb.andWhere('(listing.createdAt, listing.id) < (:at, :id)', { at: position.at, id: position.id });
    }
    return toPage(await qb.getMany(), request.limit, (row) => ({ at: row.createdAt, id: row.id }));
  }

  lockById(manager: EntityManager, id: string): Promise<ListingEntity | null> {
    return manager
      .getRepository(ListingEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }
}
