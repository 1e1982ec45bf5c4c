import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Actor, PageRequest } from '@carryover/identity';
import { decodeCursor, NotFoundError, toPage, type Page } from '@carryover/shared';
import { toTradeView, type TradeView } from '../domain/trade.view';
import { TradeEventEntity } from '../entities/trade-event.entity';
import { TradeEntity, type TradeStatus } from '../entities/trade.entity';

export interface TradeTimelineEntry {
  status: string;
  at: Date;
  actor: { type: string; id: string | null };
  reason: string | null;
}

export type TradeDetail = TradeView & { side: 'buy' | 'sell' | null; timeline: TradeTimelineEntry[] };

export interface TradeFilter extends PageRequest {
  side?: 'buy' | 'sell';
  status?: TradeStatus;
}

/** Trades as their buyer, their seller or an operator sees them; anyone else gets 404. */
@Injectable()
export class TradeQueryService {
  constructor(
    @InjectRepository(TradeEntity) private readonly trades: Repository<TradeEntity>,
    @InjectRepository(TradeEventEntity) private readonly events: Repository<TradeEventEntity>,
  ) {}

  /** The caller's organisation's trades, newest first; operators see all of them. */
  async list(actor: Actor, filter: TradeFilter): Promise<Page<TradeView & { side: 'buy' | 'sell' | null }>> {
    const qb = this.trades
      .createQueryBuilder('trade')
      .orderBy('trade.createdAt', 'DESC')
      .addOrderBy('trade.id', 'DESC')
      .take(filter.limit + 1);
    if (actor.role !== 'operator') {
      const org = actor.organizationId;
      if (filter.side === 'buy') qb.andWhere('trade.buyerOrganizationId = :org', { org });
      else if (filter.side === 'sell') qb.andWhere('trade.sellerOrganizationId = :org', { org });
      else qb.andWhere('(trade.buyerOrganizationId = :org OR trade.sellerOrganizationId = :org)', { org });
    }
    if (filter.status) qb.andWhere('trade.status = :status', { status: filter.status });
    if (filter.cursor) {
      const position = decodeCursor(filter.cursor);
      qb.andWhere('(trade.createdAt, trade.id) < (:at, :id)', { at: position.at, id: position.id });
    }
    const page = toPage(await qb.getMany(), filter.limit, (row) => ({ at: row.createdAt, id: row.id }));
    return {
      data: page.data.map((row) => ({ ...toTradeView(row), side: sideOf(actor, row) })),
      nextCursor: page.nextCursor,
    };
  }

  async get(actor: Actor, id: string): Promise<TradeDetail> {
    const row = await this.trades.findOne({ where: { id } });
    const side = row ? sideOf(actor, row) : null;
    if (!row || (side === null && actor.role !== 'operator')) throw new NotFoundError('Trade', id);
    const events = await this.events.find({ where: { tradeId: id }, order: { id: 'ASC' } });
    return {
      ...toTradeView(row),
      side,
      timeline: events.map((e) => ({
        status: e.status,
        at: e.at,
        actor: { type: e.actorType, id: e.actorId },
        reason: e.reason,
      })),
    };
  }
}

function sideOf(actor: Actor, row: TradeEntity): 'buy' | 'sell' | null {
  if (actor.organizationId === row.buyerOrganizationId) return 'buy';
  if (actor.organizationId === row.sellerOrganizationId) return 'sell';
  return null;
}
