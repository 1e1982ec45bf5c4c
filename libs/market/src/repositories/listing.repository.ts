import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { OrganizationScopedRepository } from '@carryover/identity';
import { NotFoundError } from '@carryover/shared';
import { ListingEntity } from '../entities/listing.entity';

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

  lockById(manager: EntityManager, id: string): Promise<ListingEntity | null> {
    return manager
      .getRepository(ListingEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }
}
