import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity';
import type { AuditEvent } from './audit-event.types';
import type { AuditHashParts } from './audit-hash';

/**
 * Key of the transaction-scoped advisory lock that serialises appends: the ASCII bytes of "audit". The
 * audit_append function takes it (migration AuditAppend1764001600000 spells the same number).
 */
export const AUDIT_CHAIN_LOCK_KEY = '418397169012';

/** A link to append: the event without its place in the chain, and its hashed text around prevHash. */
export interface AuditLinkInput {
  event: Omit<AuditEvent, 'seq' | 'prevHash' | 'hash'>;
  parts: AuditHashParts;
}

export interface AppendedLink {
  seq: bigint;
  prevHash: string | null;
  hash: string;
}

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

  /**
   * Appends links in one statement (the audit_append function): the chain's lock, the tip and the inserts.
   * Returns each link's seq, previous hash and hash, in the order of `links`.
   */
  async appendLinks(manager: EntityManager, links: readonly AuditLinkInput[]): Promise<AppendedLink[]> {
    const rows = (await manager.query(
      `SELECT appended_seq AS seq, appended_prev_hash AS "prevHash", appended_hash AS hash
         FROM audit_append($1::jsonb)`,
      [
        JSON.stringify(
          links.map(({ event, parts }) => ({
            id: event.id,
            actorType: event.actorType,
            actorId: event.actorId,
            actorOrganizationId: event.actorOrganizationId,
            action: event.action,
            entity: event.entity,
            entityId: event.entityId,
            data: event.data,
            reason: event.reason,
            at: event.at.toISOString(),
            before: parts.before,
            after: parts.after,
          })),
        ),
      ],
    )) as Array<{ seq: string; prevHash: string | null; hash: string }>;
    if (rows.length !== links.length) {
      throw new Error(`audit_append stored ${rows.length} of ${links.length} links`);
    }
    return rows.map((row) => ({ seq: BigInt(row.seq), prevHash: row.prevHash, hash: row.hash }));
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
