import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { auditActorOf, OrganizationScope, type Actor } from '@carryover/identity';
import { Clock, ConflictError } from '@carryover/shared';
import { lockMarket } from '../matching/market-lock';
import { BuyOrderRepository } from '../repositories/buy-order.repository';

/** The buyer cancels what is left of an order. */
@Injectable()
export class CancelBuyOrderUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: BuyOrderRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    orderId: string,
  ): Promise<{ id: string; status: 'cancelled'; cancelledMinor: bigint }> {
    const scope = OrganizationScope.of(actor);
    return this.dataSource.transaction(async (manager) => {
      const scoped = this.orders.scoped.withManager(manager);
      const known = await scoped.getById(scope, orderId);
      await lockMarket(manager, { providerCode: known.providerCode, currency: known.currency });
      const order = await scoped.getByIdForUpdate(scope, orderId);
      if (order.status !== 'open' && order.status !== 'partially_filled') {
        throw new ConflictError('already_closed', `This order is already ${order.status}.`);
      }
      const now = this.clock.now();
      await this.orders.close(manager, order.id, 'cancelled', now);
      await this.audit.append(manager, {
        actor: auditActorOf(actor),
        action: 'market.order_cancelled',
        entity: 'buy_order',
        entityId: order.id,
        data: { cancelledMinor: order.remainingMinor.toString(), filledMinor: order.filledMinor.toString() },
      });
      return { id: order.id, status: 'cancelled' as const, cancelledMinor: order.remainingMinor };
    });
  }
}
