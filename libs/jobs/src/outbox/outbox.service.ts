import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEventInput } from './outbox-events';

/**
 * Writes domain events to the outbox in the caller's transaction, so they commit or roll back with the
 * change they describe. The relay in the worker enqueues them afterwards.
 */
@Injectable()
export class OutboxService {
  /** Returns the new events' ids, in the order given. */
  async publish(manager: EntityManager, events: readonly OutboxEventInput[]): Promise<string[]> {
    if (events.length === 0) return [];
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.publish needs a transaction: an event must commit with its change');
    }
    const rows = (await manager.query(
      `INSERT INTO outbox_events (name, payload)
       SELECT name, payload FROM unnest($1::text[], $2::jsonb[]) WITH ORDINALITY AS e(name, payload, n)
       ORDER BY n
       RETURNING id`,
      [events.map((event) => event.name), events.map((event) => JSON.stringify(event.payload))],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }
}
