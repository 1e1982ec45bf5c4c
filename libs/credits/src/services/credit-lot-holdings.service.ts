import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrganizationScope } from '@carryover/identity';
import { DomainError, NotFoundError } from '@carryover/shared';
import { toCreditLotView, type CreditLotView } from '../domain/credit-lot.view';
import { CreditLotEntity } from '../entities/credit-lot.entity';
import { CreditLotRepository } from '../repositories/credit-lot.repository';

/**
 * How the market moves a lot's face value between available, listed and sold. Every change is one
 * UPDATE guarded by the lot's CHECK constraints, inside the caller's transaction.
 */
@Injectable()
export class CreditLotHoldings {
  constructor(private readonly lots: CreditLotRepository) {}

  /** The seller's own lot without a lock (to learn its market before taking the market lock). */
  async findOwn(manager: EntityManager, scope: OrganizationScope, lotId: string): Promise<CreditLotView> {
    return toCreditLotView(await this.lots.scoped.withManager(manager).getById(scope, lotId));
  }

  /** Locks the seller's own lot for a listing; another organisation's lot is not found. */
  async lockOwn(manager: EntityManager, scope: OrganizationScope, lotId: string): Promise<CreditLotView> {
    return toCreditLotView(await this.lots.scoped.withManager(manager).getByIdForUpdate(scope, lotId));
  }

  async get(manager: EntityManager, lotId: string): Promise<CreditLotView> {
    const row = await manager.getRepository(CreditLotEntity).findOne({ where: { id: lotId } });
    if (!row) throw new NotFoundError('Credit lot', lotId);
    return toCreditLotView(row);
  }

  /** Moves `quantity` from available to listed; 422 insufficient_lot_balance when not enough is free. */
  async list(manager: EntityManager, lotId: string, quantity: bigint): Promise<void> {
    const result = await manager.query(
      `UPDATE credit_lots SET listed_minor = listed_minor + $2, updated_at = now()
       WHERE id = $1 AND available_minor >= $2`,
      [lotId, quantity.toString()],
    );
    if (affectedRows(result) !== 1) {
      throw new DomainError(
        'business_rule',
        'insufficient_lot_balance',
        'The lot does not have that much available.',
        [{ field: 'quantityMinor', message: 'exceeds the lot’s available amount' }],
      );
    }
  }

  /** Returns listed quantity to available (a cancelled or expired listing's remainder). */
  async unlist(manager: EntityManager, lotId: string, quantity: bigint): Promise<void> {
    await this.apply(manager, `listed_minor = listed_minor - $2`, lotId, quantity);
  }

  /** Moves filled quantity from listed to sold. */
  async sell(manager: EntityManager, lotId: string, quantity: bigint): Promise<void> {
    await this.sellAll(manager, new Map([[lotId, quantity]]));
  }

  /** Moves sold quantities from listed to sold on several lots in one statement. */
  async sellAll(manager: EntityManager, quantities: ReadonlyMap<string, bigint>): Promise<void> {
    if (quantities.size === 0) return;
    const ids = [...quantities.keys()];
    const result = await manager.query(
      `UPDATE credit_lots c SET listed_minor = c.listed_minor - d.quantity,
              sold_minor = c.sold_minor + d.quantity, updated_at = now()
         FROM unnest($1::uuid[], $2::bigint[]) AS d(id, quantity)
        WHERE c.id = d.id`,
      [ids, [...quantities.values()].map(String)],
    );
    if (affectedRows(result) !== ids.length) {
      throw new NotFoundError('Credit lot', ids.join(', '));
    }
  }

  private async apply(
    manager: EntityManager,
    assignment: string,
    lotId: string,
    quantity: bigint,
  ): Promise<void> {
    const result = await manager.query(
      `UPDATE credit_lots SET ${assignment}, updated_at = now() WHERE id = $1`,
      [lotId, quantity.toString()],
    );
    if (affectedRows(result) !== 1) throw new NotFoundError('Credit lot', lotId);
  }
}

/** TypeORM's postgres driver returns [rows, affectedCount] for UPDATE queries. */
function affectedRows(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
