import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity';
import type { AuditEvent } from './audit-event.types';

/** Key of the transaction-scoped advisory lock that serialises appends: the ASCII bytes of "audit". */
export const AUDIT_CHAIN_LOCK_KEY = '418397169012';

export interface AuditEventPageQuery {
  entityId?: string;
  beforeSeq?: bigint;
  limit: number;
}

function toAuditEvent(row: AuditEventEntity): AuditEvent {
  return {
    id: row.id,
    seq: row.seq,
    actorType: row.actorType,
    actorId: row.actorId,
    actorOrganizationId: row.actorOrganizationId,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    data: row.data,
    reason: row.reason,
    at: row.at,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

@Injectable()
export class AuditEventRepository {
  constructor(@InjectRepository(AuditEventEntity) private readonly rows: Repository<AuditEventEntity>) {}

  /** Held until the caller's transaction ends, so reading the tip and inserting the next link is atomic. */
  async lockChain(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1::bigint)', [AUDIT_CHAIN_LOCK_KEY]);
  }

  async findLastHash(manager: EntityManager): Promise<string | null> {
    const rows = (await manager.query(`SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1`)) as Array<{
      hash: string;
    }>;
    return rows[0]?.hash ?? null;
  }

  async insert(manager: EntityManager, event: Omit<AuditEvent, 'seq'>): Promise<AuditEvent> {
    const [stored] = await this.insertAll(manager, [event]);
    return stored as AuditEvent;
  }

  /** One statement; seq follows the order of `events`, as the chain links them. */
  async insertAll(
    manager: EntityManager,
    events: ReadonlyArray<Omit<AuditEvent, 'seq'>>,
  ): Promise<AuditEvent[]> {
    const COLUMNS = 12;
    const values: unknown[] = [];
    const tuples = events.map((event, i) => {
      values.push(
        event.id,
        event.actorType,
        event.actorId,
        event.actorOrganizationId,
        event.action,
        event.entity,
        event.entityId,
        JSON.stringify(event.data),
        event.reason,
        event.at,
        event.prevHash,
        event.hash,
      );
      const p = (column: number) => `$${i * COLUMNS + column}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}::jsonb, ${p(9)}, ${p(10)}, ${p(11)}, ${p(12)})`;
    });
    const rows = (await manager.query(
      `INSERT INTO audit_events
         (id, actor_type, actor_id, actor_organization_id, action, entity, entity_id, data, reason, at, prev_hash, hash)
       VALUES ${tuples.join(', ')}
       RETURNING id, seq`,
      values,
    )) as Array<{ id: string; seq: string }>;
    const seqs = new Map(rows.map((row) => [row.id, row.seq]));
    return events.map((event) => {
      const seq = seqs.get(event.id);
      if (seq === undefined) throw new Error('audit_events insert returned no seq');
      return { ...event, seq: BigInt(seq) };
    });
  }

  /** Newest first, `limit` rows at most. */
  async findPage(query: AuditEventPageQuery): Promise<AuditEvent[]> {
    const qb = this.rows.createQueryBuilder('e').orderBy('e.seq', 'DESC').limit(query.limit);
    if (query.entityId !== undefined) qb.andWhere('e.entityId = :entityId', { entityId: query.entityId });
    if (query.beforeSeq !== undefined) {
      qb.andWhere('e.seq < :beforeSeq', { beforeSeq: query.beforeSeq.toString() });
    }
    return (await qb.getMany()).map(toAuditEvent);
  }

  /** Oldest first, the rows after `afterSeq` (or from the start of the chain). */
  async findChainBatch(
    afterSeq: bigint | null,
    limit: number,
    manager?: EntityManager,
  ): Promise<AuditEvent[]> {
    const repository = manager ? manager.getRepository(AuditEventEntity) : this.rows;
    const qb = repository.createQueryBuilder('e').orderBy('e.seq', 'ASC').limit(limit);
    if (afterSeq !== null) qb.where('e.seq > :afterSeq', { afterSeq: afterSeq.toString() });
    return (await qb.getMany()).map(toAuditEvent);
  }
}
