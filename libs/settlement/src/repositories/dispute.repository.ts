import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { PageRequest } from '@carryover/identity';
import { decodeCursor, toPage, type Page } from '@carryover/shared';
import { DisputeEntity, type DisputeOutcome, type DisputeStatus } from '../entities/dispute.entity';

export type NewDispute = Pick<
  DisputeEntity,
  | 'tradeId'
  | 'openedByOrganizationId'
  | 'openedBySide'
  | 'openedByUserId'
  | 'openedByApiKeyId'
  | 'reason'
  | 'frozenStatus'
  | 'openedAt'
>;

export interface DisputeResolution {
  outcome: DisputeOutcome;
  refundMinor: bigint | null;
  resolvedByUserId: string;
  reason: string;
  at: Date;
}

/** The only code that touches disputes. */
@Injectable()
export class DisputeRepository {
  constructor(@InjectRepository(DisputeEntity) private readonly disputes: Repository<DisputeEntity>) {}

  async insert(manager: EntityManager, dispute: NewDispute): Promise<DisputeEntity> {
    const repository = manager.getRepository(DisputeEntity);
    const row = repository.create({
      id: randomUUID(),
      ...dispute,
      status: 'open',
      outcome: null,
      refundMinor: null,
      resolvedByUserId: null,
      resolutionReason: null,
      resolvedAt: null,
    });
    await repository.insert(row);
    return row;
  }

  /** The dispute under a row lock until the transaction ends. */
  lock(manager: EntityManager, id: string): Promise<DisputeEntity | null> {
    return manager
      .getRepository(DisputeEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  find(id: string): Promise<DisputeEntity | null> {
    return this.disputes.findOne({ where: { id } });
  }

  forTrade(tradeId: string, manager?: EntityManager): Promise<DisputeEntity | null> {
    const repository = manager ? manager.getRepository(DisputeEntity) : this.disputes;
    return repository.findOne({ where: { tradeId } });
  }

  async resolve(manager: EntityManager, id: string, resolution: DisputeResolution): Promise<void> {
    await manager.getRepository(DisputeEntity).update(
      { id, status: 'open' },
      {
        status: 'resolved',
        outcome: resolution.outcome,
        refundMinor: resolution.refundMinor,
        resolvedByUserId: resolution.resolvedByUserId,
        resolutionReason: resolution.reason,
        resolvedAt: resolution.at,
      },
    );
  }

  /** Oldest first, so the queue is worked in order. */
  async page(filter: PageRequest & { status?: DisputeStatus }): Promise<Page<DisputeEntity>> {
    const qb = this.disputes
      .createQueryBuilder('dispute')
      .orderBy('dispute.openedAt', 'ASC')
      .addOrderBy('dispute.id', 'ASC')
      .take(filter.limit + 1);
    if (filter.status) qb.andWhere('dispute.status = :status', { status: filter.status });
    if (filter.cursor) {
      const position = decodeCursor(filter.cursor);
      qb.andWhere('(dispute.openedAt, dispute.id) > (:at, :id)', { at: position.at, id: position.id });
    }
    return toPage(await qb.getMany(), filter.limit, (row) => ({ at: row.openedAt, id: row.id }));
  }
}
