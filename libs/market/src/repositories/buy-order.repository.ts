import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { OrganizationScopedRepository } from '@carryover/identity';
import { NotFoundError } from '@carryover/shared';
import { BuyOrderEntity, type OrderStatus } from '../entities/buy-order.entity';

export type NewBuyOrder = Omit<BuyOrderEntity, 'bookSeq' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class BuyOrderRepository {
  readonly scoped: OrganizationScopedRepository<BuyOrderEntity>;

  constructor(@InjectRepository(BuyOrderEntity) orders: Repository<BuyOrderEntity>) {
    this.scoped = new OrganizationScopedRepository(orders, 'Order');
  }

  async get(manager: EntityManager, id: string): Promise<BuyOrderEntity> {
    const row = await manager.getRepository(BuyOrderEntity).findOne({ where: { id } });
    if (!row) throw new NotFoundError('Order', id);
    return row;
  }

  /** Ends an order's life with its unfilled remainder released. */
  async close(
    manager: EntityManager,
    id: string,
    status: Extract<OrderStatus, 'cancelled' | 'expired'>,
    at: Date,
  ): Promise<void> {
    await manager.getRepository(BuyOrderEntity).update({ id }, { status, remainingMinor: 0n, closedAt: at });
  }
}
