import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, type AuditActor } from '@carryover/audit';
import { OutboxService, type OutboxEventInput, type TradeEventPayload } from '@carryover/jobs';
import type { TradeStatus } from '@carryover/market';
import { Clock, NotFoundError, type JsonObject } from '@carryover/shared';
import { InvalidTransitionError, TransitionNotAllowedError } from '../domain/settlement.errors';
import type { SettlementTrade } from '../domain/settlement-trade';
import { TRADE_STATUS_EVENTS } from '../domain/trade-events';
import { findTransition, type TransitionTrigger } from '../domain/trade-transitions';
import { SettlementTradeRepository } from '../repositories/settlement-trade.repository';

/** Who makes a step: the capacity the table checks, and the principal the timeline and audit record. */
export interface TransitionActor {
  as: TransitionTrigger;
  audit: AuditActor;
}

export interface TransitionOptions {
  actor: TransitionActor;
  reason?: string | null;
  /** Goes into the audit entry and the outbox event's payload; plain JSON only. */
  data?: JsonObject;
}

export const SYSTEM: TransitionActor = {
  as: 'system',
  audit: { type: 'system', id: null, organizationId: null },
};

/**
 * The only way a trade's status changes after it is born. In the caller's transaction it locks the trade
 * row, checks the step against the transition table, and writes the status, a timeline row (actor,
 * reason), the step's outbox event and an audit entry. The caller adds its ledger journal in the same
 * transaction; the audit entry is appended here, so call this last (the chain lock is held until commit).
 */
@Injectable()
export class TradeStateMachine {
  constructor(
    private readonly trades: SettlementTradeRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The trade under its row lock for the rest of the transaction; 404 when there is none. */
  async lock(manager: EntityManager, tradeId: string): Promise<SettlementTrade> {
    const trade = await this.trades.lock(manager, tradeId);
    if (!trade) throw new NotFoundError('Trade', tradeId);
    return trade;
  }

  /** Throws InvalidTransitionError (409) or TransitionNotAllowedError (403) without writing anything. */
  assertAllowed(trade: SettlementTrade, to: TradeStatus, as: TransitionTrigger): void {
    const rule = findTransition(trade.status, to);
    if (!rule) throw new InvalidTransitionError(trade.id, trade.status, to);
    if (!rule.by.includes(as)) throw new TransitionNotAllowedError(trade.status, to, as);
  }

  async transition(
    manager: EntityManager,
    tradeId: string,
    to: TradeStatus,
    options: TransitionOptions,
  ): Promise<SettlementTrade> {
    return this.transitionLocked(manager, await this.lock(manager, tradeId), to, options);
  }

  /**
   * The step for a trade the caller has locked (`lock`) in this transaction and not moved since: its row
   * is not read again. Returns the trade in its new status, for a further step in the same transaction.
   */
  async transitionLocked(
    manager: EntityManager,
    trade: SettlementTrade,
    to: TradeStatus,
    options: TransitionOptions,
  ): Promise<SettlementTrade> {
    const tradeId = trade.id;
    this.assertAllowed(trade, to, options.actor.as);
    const at = this.clock.now();
    const reason = options.reason ?? null;
    const { actor } = options;
    await this.trades.enter(manager, {
      tradeId,
      status: to,
      actorType: actor.audit.type,
      actorId: actor.audit.id,
      reason,
      at,
    });
    await this.outbox.publish(manager, [stepEvent(trade, to, options)]);
    await this.audit.append(manager, {
      actor: actor.audit,
      action: `settlement.trade_${to}`,
      entity: 'trade',
      entityId: tradeId,
      data: { from: trade.status, to, as: actor.as, ...options.data },
      reason,
    });
    return { ...trade, status: to };
  }
}

function stepEvent(trade: SettlementTrade, to: TradeStatus, options: TransitionOptions): OutboxEventInput {
  const payload = tradeEventPayload(trade, to, trade.status, {
    ...options.data,
    reason: options.reason ?? null,
  });
  return { name: TRADE_STATUS_EVENTS[to], payload } as OutboxEventInput;
}

/** What every trade.* outbox event carries: the trade, its step and its parties. */
export function tradeEventPayload(
  trade: SettlementTrade,
  status: TradeStatus,
  previousStatus: TradeStatus | null,
  extra: JsonObject = {},
): TradeEventPayload {
  return {
    ...extra,
    tradeId: trade.id,
    status,
    previousStatus,
    buyerOrganizationId: trade.buyerOrganizationId,
    sellerOrganizationId: trade.sellerOrganizationId,
    providerCode: trade.providerCode,
    currency: trade.currency,
    quantityMinor: trade.quantityMinor.toString(),
    grossMinor: trade.grossMinor.toString(),
  };
}
