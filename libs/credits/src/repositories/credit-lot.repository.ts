import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { OrganizationScopedRepository } from '@carryover/identity';
import { CreditLotEntity } from '../entities/credit-lot.entity';

export type NewCreditLot = Omit<
  CreditLotEntity,
  | 'id'
  | 'listedMinor'
  | 'soldMinor'
  | 'availableMinor'
  | 'status'
  | 'verifiedAt'
  | 'verifiedByUserId'
  | 'verificationReason'
  | 'createdAt'
  | 'updatedAt'
>;

@Injectable()
export class CreditLotRepository {
  readonly scoped: OrganizationScopedRepository<CreditLotEntity>;

  constructor(@InjectRepository(CreditLotEntity) private readonly lots: Repository<CreditLotEntity>) {
    this.scoped = new OrganizationScopedRepository(lots, 'Credit lot');
  }

  /** Inserts and reads the row back, so generated columns (availableMinor) are filled in. */
  async insert(manager: EntityManager, lot: NewCreditLot): Promise<CreditLotEntity> {
    const repository = manager.getRepository(CreditLotEntity);
    const { id } = await repository.save(repository.create(lot));
    return repository.findOneOrFail({ where: { id } });
  }

  /** For operators and the platform's own workflows, which act across organisations. */
  lockById(manager: EntityManager, id: string): Promise<CreditLotEntity | null> {
    return manager
      .getRepository(CreditLotEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<
      Pick<CreditLotEntity, 'status' | 'verifiedAt' | 'verifiedByUserId' | 'verificationReason'>
    >,
  ): Promise<void> {
    await manager.getRepository(CreditLotEntity).update({ id }, changes);
  }

  findById(id: string): Promise<CreditLotEntity | null> {
    return this.lots.findOne({ where: { id } });
  }

  /**
   * Verified lots of every organisation whose tradableUntil is in (after, until] and that still hold unsold
   * credit (listed or not), soonest first; `from` continues after the last lot of the previous batch.
   */
  expiringWithUnsold(
    after: Date,
    until: Date,
    limit: number,
    from?: { tradableUntil: Date; id: string },
  ): Promise<CreditLotEntity[]> {
    const qb = this.lots
      .createQueryBuilder('lot')
      .where('lot.status = :status', { status: 'verified' })
      .andWhere('lot.tradableUntil > :after AND lot.tradableUntil <= :until', { after, until })
      .andWhere('lot.soldMinor < lot.faceValueMinor')
      .orderBy('lot.tradableUntil', 'ASC')
      .addOrderBy('lot.id', 'ASC')
      .take(limit);
    if (from) {
      qb.andWhere('(lot.tradableUntil, lot.id) > (:fromAt, :fromId)', {
        fromAt: from.tradableUntil,
        fromId: from.id,
      });
    }
    return qb.getMany();
  }
}
