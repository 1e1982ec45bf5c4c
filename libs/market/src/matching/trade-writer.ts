import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditActor, AuditEntry } from '@carryover/audit';
import { TRANSFER_METHODS, type ProviderPolicy, type TransferMethod } from '@carryover/catalog';
import {
  ComplianceService,
  toPolicySnapshot,
  type ComplianceResult,
  type LotSnapshot,
  type PartySnapshot,
} from '@carryover/compliance';
import type { OutboxEventInput } from '@carryover/jobs';
import { daysToExpiry, type Fill } from '@carryover/matching';
import { computeTradeAmounts } from '@carryover/shared';
import { TradeEntity } from '../entities/trade.entity';
import type { NewBuyOrder } from '../repositories/buy-order.repository';
import { writeMarketBatch, type MarketWriteResult } from './batch-write';

export interface SellSide {
  id: string;
  creditLotId: string;
  seller: PartySnapshot;
  lot: LotSnapshot;
  transferMethods: readonly string[];
  expiresAtMs: number;
}

export interface BuySide {
  id: string;
  buyer: PartySnapshot;
  transferMethods: readonly string[];
}

export interface FillSetting {
  market: { providerCode: string; currency: string };
  policy: ProviderPolicy;
  feeBps: number;
  now: Date;
  actor: AuditActor;
}

/** One fill turned into everything it writes; `TradeWriter.persist` writes many of them at once. */
export interface TradePlan {
  trade: TradeEntity;
  compliance: ComplianceResult;
  audit: AuditEntry;
  events: OutboxEventInput[];
}

/**
 * Turns the engine's fills into trades: money from the one Money function, both sides' remaining amounts,
 * the lot's sold amount, a compliance result citing the policy and the first timeline step. `plan` decides
 * each trade in memory; `persist` writes a whole batch of them with one statement per table. The trades'
 * audit entries are returned for the caller to append last in the transaction, since the chain lock is held
 * from the append until commit.
 */
@Injectable()
export class TradeWriter {
  constructor(private readonly compliance: ComplianceService) {}

  /** `completesOrder`: this fill leaves the buy order with nothing left (it announces order.filled). */
  plan(fill: Fill, sell: SellSide, buy: BuySide, setting: FillSetting, completesOrder: boolean): TradePlan {
    const tradeId = randomUUID();
    const transferMethod = chooseTransferMethod(
      sell.transferMethods,
      buy.transferMethods,
      setting.policy.transferMethods,
    );
    const compliance = this.compliance.evaluate({
      policy: toPolicySnapshot(setting.policy),
      seller: sell.seller,
      lot: sell.lot,
      buyer: buy.buyer,
      transferMethods: [transferMethod],
      at: setting.now,
    });
    const amounts = computeTradeAmounts(fill.quantityMinor, fill.priceBps, setting.feeBps);
    const trade = Object.assign(new TradeEntity(), {
      id: tradeId,
      listingId: sell.id,
      orderId: buy.id,
      creditLotId: sell.creditLotId,
      sellerOrganizationId: sell.seller.organizationId,
      buyerOrganizationId: buy.buyer.organizationId,
      providerCode: setting.market.providerCode,
      currency: setting.market.currency,
      quantityMinor: fill.quantityMinor,
      priceBps: fill.priceBps,
      feeBps: setting.feeBps,
      ...amounts,
      transferMethod,
      daysToExpiry: daysToExpiry(sell.expiresAtMs, setting.now.getTime()),
      requiresProviderApproval: compliance.requiresProviderApproval,
      complianceResultId: null,
      status: 'awaiting_payment',
      executedAt: setting.now,
    } satisfies Omit<TradeEntity, 'createdAt' | 'updatedAt'>);
    const audit: AuditEntry = {
      actor: setting.actor,
      action: 'market.trade_executed',
      entity: 'trade',
      entityId: tradeId,
      data: {
        listingId: sell.id,
        orderId: buy.id,
        quantityMinor: fill.quantityMinor.toString(),
        priceBps: fill.priceBps,
        grossMinor: amounts.grossMinor.toString(),
        feeMinor: amounts.feeMinor.toString(),
        policyVersion: compliance.policyVersion,
      },
    };
    const events: OutboxEventInput[] = [
      {
        name: 'trade.matched',
        payload: {
          tradeId,
          status: 'awaiting_payment',
          previousStatus: null,
          buyerOrganizationId: trade.buyerOrganizationId,
          sellerOrganizationId: trade.sellerOrganizationId,
          providerCode: trade.providerCode,
          currency: trade.currency,
          quantityMinor: fill.quantityMinor.toString(),
          priceBps: fill.priceBps,
          grossMinor: amounts.grossMinor.toString(),
          listingId: sell.id,
          orderId: buy.id,
        },
      },
    ];
    if (completesOrder) {
      events.push({
        name: 'order.filled',
        payload: { orderId: buy.id, organizationId: trade.buyerOrganizationId },
      });
    }
    return { trade, compliance, audit, events };
  }

  /**
   * Writes planned trades (their compliance results, the trades and their first timeline step, the fills
   * taken off the listings, and off resting buy orders when `fillOrders`, the lots' sold amounts, the outbox
   * events) and any new buy orders, already with their amounts after matching, in one statement.
   */
  async persist(
    manager: EntityManager,
    plans: readonly TradePlan[],
    options: { fillOrders: boolean; now: Date; newOrders?: readonly NewBuyOrder[] },
  ): Promise<{ trades: TradeEntity[]; orders: MarketWriteResult['orders'] }> {
    const newOrders = options.newOrders ?? [];
    if (plans.length === 0 && newOrders.length === 0) return { trades: [], orders: new Map() };
    const trades = plans.map((plan) => {
      plan.trade.complianceResultId = randomUUID();
      return plan.trade;
    });
    const written = await writeMarketBatch(manager, {
      orders: newOrders,
      trades: plans.map((plan) => ({
        trade: plan.trade,
        compliance: plan.compliance,
        complianceResultId: plan.trade.complianceResultId as string,
        actor: plan.audit.actor,
      })),
      listingFills: sumBy(trades, (trade) => trade.listingId),
      orderFills: options.fillOrders ? sumBy(trades, (trade) => trade.orderId) : new Map(),
      lotSales: sumBy(trades, (trade) => trade.creditLotId),
      events: plans.flatMap((plan) => plan.events),
      now: options.now,
    });
    return { trades, orders: written.orders };
  }
}

function sumBy(trades: readonly TradeEntity[], key: (trade: TradeEntity) => string): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const trade of trades) sums.set(key(trade), (sums.get(key(trade)) ?? 0n) + trade.quantityMinor);
  return sums;
}

/** Both sides' methods that the policy allows, in the catalog's order; the engine guaranteed one exists. */
export function chooseTransferMethod(
  listingMethods: readonly string[],
  orderMethods: readonly string[],
  policyMethods: readonly TransferMethod[],
): TransferMethod {
  const chosen = TRANSFER_METHODS.find(
    (method) =>
      listingMethods.includes(method) &&
      (orderMethods.length === 0 || orderMethods.includes(method)) &&
      policyMethods.includes(method),
  );
  if (!chosen) throw new Error('no transfer method both sides and the policy accept');
  return chosen;
}
