import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  Clock,
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
  ValidationError,
  canonicalJson,
  type JsonObject,
  type Page,
} from '@carryover/shared';
import { EMPTY_CHAIN_REPORT, verifyAuditChain } from './audit-chain';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import { AuditEventRepository } from './audit-event.repository';
import { auditHashParts, computeAuditHash } from './audit-hash';
import type { AuditChainReport, AuditEntry, AuditEvent, AuditEventQuery } from './audit-event.types';

const VERIFY_BATCH_SIZE = 1000;

@Injectable()
export class AuditService {
  constructor(
    private readonly events: AuditEventRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends one event to the chain inside the caller's transaction (READ COMMITTED, the default), so the
   * event commits or rolls back with the change it records. Appends are serialised by an advisory lock.
   */
  async append(manager: EntityManager, entry: AuditEntry): Promise<AuditEvent> {
    const [event] = await this.appendAll(manager, [entry]);
    return event as AuditEvent;
  }

  /**
   * Appends several events, in order, as consecutive links, in one statement that takes the chain's lock,
   * reads the tip and inserts them. The lock is held until the transaction ends, so call it as late in the
   * transaction as possible.
   */
  async appendAll(manager: EntityManager, entries: readonly AuditEntry[]): Promise<AuditEvent[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      // Outside a transaction the advisory lock would be released before the insert.
      throw new Error('AuditService.append must run inside the transaction of the change it records');
    }
    if (entries.length === 0) return [];
    const at = this.clock.now();
    const links = entries.map((entry) => {
      const event = {
        id: randomUUID(),
        actorType: entry.actor.type,
        actorId: entry.actor.id,
        actorOrganizationId: entry.actor.organizationId,
        action: entry.action,
        entity: entry.entity,
        entityId: entry.entityId,
        // Hash exactly what jsonb will give back: plain JSON, no undefined members, no class instances.
        data: JSON.parse(canonicalJson(entry.data ?? {})) as JsonObject,
        reason: entry.reason ?? null,
        at,
      };
      return { event, parts: auditHashParts(event) };
    });
    const appended = await this.events.appendLinks(manager, links);
    return links.map(({ event }, i) => {
      const { seq, prevHash, hash } = appended[i] as (typeof appended)[number];
      // The database hashed the text this process built; a link that would not verify is never committed.
      if (computeAuditHash({ ...event, prevHash }) !== hash) {
        throw new Error(`audit link ${event.id} was hashed differently by the database`);
      }
      return { ...event, seq, prevHash, hash };
    });
  }

  /** The audit trail, newest first, optionally for one entity. */
  async list(query: AuditEventQuery = {}): Promise<Page<AuditEvent>> {
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
      throw new ValidationError([
        { field: 'limit', message: `limit must be an integer from 1 to ${MAX_PAGE_LIMIT}` },
      ]);
    }
    const rows = await this.events.findPage({
      entityId: query.entityId,
      beforeSeq: query.cursor === undefined ? undefined : decodeAuditCursor(query.cursor),
      limit: limit + 1,
    });
    const data = rows.slice(0, limit);
    const last = data[data.length - 1];
    return { data, nextCursor: rows.length > limit && last ? encodeAuditCursor(last.seq) : null };
  }

  /** Recomputes every link in seq order and reports the first one that does not hold. */
  async verifyChain(manager?: EntityManager): Promise<AuditChainReport> {
    let report = EMPTY_CHAIN_REPORT;
    let afterSeq: bigint | null = null;
    for (;;) {
      const batch = await this.events.findChainBatch(afterSeq, VERIFY_BATCH_SIZE, manager);
      report = verifyAuditChain(batch, report);
      const last = batch[batch.length - 1];
      if (!report.ok || last === undefined || batch.length < VERIFY_BATCH_SIZE) return report;
      afterSeq = last.seq;
    }
  }
}
