import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditActor, AuditEntry } from '@carryover/audit';
import { TRANSFER_METHODS, type ProviderPolicy, type TransferMethod } from '@carryover/catalog';
import {
  ComplianceService,
  toPolicySnapshot,
  type LotSnapshot,
  type PartySnapshot,
} from '@carryover/compliance';
import { CreditLotHoldings } from '@carryover/credits';
import { OutboxService, type OutboxEventInput } from '@carryover/jobs';
import { daysToExpiry, type Fill } from '@carryover/matching';
import { computeTradeAmounts } from '@carryover/shared';
import { TradeEntity } from '../entities/trade.entity';
import { TradeEventEntity } from '../entities/trade-event.entity';

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

/**
 * Turns the engine's fills into trades: money from the one Money function, both sides' remaining amounts,
 * the lot's sold amount, a compliance result citing the policy and the first timeline step. It returns the
 * trade's audit entry for the caller to append, late in the transaction, since the chain lock is held
 * from the append until commit, and its outbox events (trade.matched, and order.filled when the fill
 * completes the order) for `announce` to write with the other fills' in one insert.
 */
@Injectable()
export class TradeWriter {
  constructor(
    private readonly compliance: ComplianceService,
    private readonly holdings: CreditLotHoldings,
    private readonly outbox: OutboxService,
  ) {}

  async write(
    manager: EntityManager,
    fill: Fill,
    sell: SellSide,
    buy: BuySide,
    setting: FillSetting,
  ): Promise<{ trade: TradeEntity; audit: AuditEntry; events: OutboxEventInput[] }> {
    const tradeId = randomUUID();
    const transferMethod = chooseTransferMethod(
      sell.transferMethods,
      buy.transferMethods,
      setting.policy.transferMethods,
    );
    const result = this.compliance.evaluate({
      policy: toPolicySnapshot(setting.policy),
      seller: sell.seller,
      lot: sell.lot,
      buyer: buy.buyer,
      transferMethods: [transferMethod],
      at: setting.now,
    });
    const stored = await this.compliance.record(
      manager,
      { subjectType: 'trade', subjectId: tradeId, context: 'match' },
      result,
    );
    const amounts = computeTradeAmounts(fill.quantityMinor, fill.priceBps, setting.feeBps);

    const trades = manager.getRepository(TradeEntity);
    // insert, not save: the id is new, so save's look-up of an existing row would be a wasted round trip.
    const trade = trades.create({
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
      requiresProviderApproval: stored.requiresProviderApproval,
      complianceResultId: stored.id,
      status: 'awaiting_payment',
      executedAt: setting.now,
    });
    await trades.insert(trade);
    await manager.getRepository(TradeEventEntity).insert({
      tradeId,
      status: 'awaiting_payment',
      actorType: setting.actor.type,
      actorId: setting.actor.id,
      reason: null,
      at: setting.now,
    });
    const orderFilled = await applyFill(manager, sell.id, buy.id, fill.quantityMinor, setting.now);
    await this.holdings.sell(manager, sell.creditLotId, fill.quantityMinor);
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
        policyVersion: stored.policyVersion,
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
    if (orderFilled) {
      events.push({
        name: 'order.filled',
        payload: { orderId: buy.id, organizationId: trade.buyerOrganizationId },
      });
    }
    return { trade, audit, events };
  }

  /** Writes the fills' outbox events in one insert, in the matching transaction. */
  async announce(manager: EntityManager, events: readonly OutboxEventInput[]): Promise<void> {
    await this.outbox.publish(manager, events);
  }
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

/** Takes a fill off both the listing and the order, in one statement; true when it filled the order. */
async function applyFill(
  manager: EntityManager,
  listingId: string,
  orderId: string,
  quantity: bigint,
  now: Date,
): Promise<boolean> {
  const set = `remaining_minor = remaining_minor - $3,
            filled_minor = filled_minor + $3,
            status = CASE WHEN remaining_minor - $3 = 0 THEN 'filled' ELSE 'partially_filled' END,
            closed_at = CASE WHEN remaining_minor - $3 = 0 THEN $4::timestamptz ELSE closed_at END,
            updated_at = now()`;
  const [orders] = (await manager.query(
    `WITH listing AS (UPDATE listings SET ${set} WHERE id = $1)
     UPDATE buy_orders SET ${set} WHERE id = $2 RETURNING status`,
    [listingId, orderId, quantity.toString(), now],
  )) as [Array<{ status: string }>, number];
  return orders[0]?.status === 'filled';
}
