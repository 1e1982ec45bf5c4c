import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { CatalogService, type TransferMethod } from '@carryover/catalog';
import { toPartySnapshot } from '@carryover/compliance';
import { auditActorOf, OrganizationDirectory, OrganizationScope, type Actor } from '@carryover/identity';
import type { TimeInForce } from '@carryover/matching';
import { Clock, ValidationError } from '@carryover/shared';
import { toOrderView, type OrderView } from '../domain/order.view';
import { toTradeView, type TradeView } from '../domain/trade.view';
import { MarketMatcher } from '../matching/market-matcher.service';
import { BuyOrderRepository } from '../repositories/buy-order.repository';

export interface PlaceBuyOrderCommand {
  providerCode: string;
  currency: string;
  quantityMinor: bigint;
  maxPriceBps: number;
  minDaysToExpiry?: number;
  transferMethods?: TransferMethod[];
  minFillMinor?: bigint;
  timeInForce: TimeInForce;
  goodTill?: Date;
}

/** A buyer places a limit order; it matches at once against listings and rests (GTC) or not (IOC, FOK). */
@Injectable()
export class PlaceBuyOrderUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly directory: OrganizationDirectory,
    private readonly orders: BuyOrderRepository,
    private readonly matcher: MarketMatcher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    command: PlaceBuyOrderCommand,
  ): Promise<{ order: OrderView; trades: TradeView[] }> {
    const scope = OrganizationScope.of(actor);
    const provider = await this.catalog.requireMarket(command.providerCode, command.currency);
    if (command.goodTill && command.goodTill.getTime() <= this.clock.now().getTime()) {
      throw new ValidationError([{ field: 'goodTill', message: 'must be in the future' }]);
    }
    if (command.minFillMinor !== undefined && command.minFillMinor > command.quantityMinor) {
      throw new ValidationError([{ field: 'minFillMinor', message: 'must not exceed quantityMinor' }]);
    }

    return this.dataSource.transaction(async (manager) => {
      const market = { providerCode: provider.code, currency: command.currency };
      const now = await this.matcher.prepare(manager, market);
      const buyer = toPartySnapshot(await this.directory.get(scope.organizationId, manager));
      const row = await this.orders.insert(manager, {
        organizationId: scope.organizationId,
        providerCode: provider.code,
        currency: command.currency,
        quantityMinor: command.quantityMinor,
        remainingMinor: command.quantityMinor,
        maxPriceBps: command.maxPriceBps,
        minDaysToExpiry: command.minDaysToExpiry ?? 0,
        transferMethods: [...new Set(command.transferMethods ?? [])],
        minFillMinor: command.minFillMinor ?? 1n,
        timeInForce: command.timeInForce,
        goodTill: command.goodTill ?? null,
        status: 'open',
        createdByUserId: actor.userId,
      });
      const { result, trades, audit } = await this.matcher.matchOrder(
        manager,
        market,
        provider.policy,
        {
          order: {
            id: row.id,
            buyerOrgId: row.organizationId,
            maxPriceBps: row.maxPriceBps,
            quantityMinor: row.quantityMinor,
            minDaysToExpiry: row.minDaysToExpiry,
            transferMethods: row.transferMethods,
            minFillMinor: row.minFillMinor,
            timeInForce: row.timeInForce,
            goodTillMs: row.goodTill?.getTime(),
          },
          buyer,
        },
        now,
        auditActorOf(actor),
      );
      // IOC and FOK never rest: whatever did not fill is cancelled now.
      if (!result.rests && result.remainingMinor > 0n)
        await this.orders.close(manager, row.id, 'cancelled', now);
      const order = toOrderView(await this.orders.get(manager, row.id));
      // Last, so the audit chain's lock (held until commit) is not held across the rest of the work.
      await this.audit.appendAll(manager, [
        ...audit,
        {
          actor: auditActorOf(actor),
          action: 'market.order_placed',
          entity: 'buy_order',
          entityId: row.id,
          data: {
            providerCode: row.providerCode,
            currency: row.currency,
            quantityMinor: row.quantityMinor.toString(),
            maxPriceBps: row.maxPriceBps,
            timeInForce: row.timeInForce,
            trades: trades.length,
          },
        },
      ]);
      return { order, trades: trades.map(toTradeView) };
    });
  }
}
