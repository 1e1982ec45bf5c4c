import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The only code that touches stripe_events. */
@Injectable()
export class StripeEventRepository {
  /**
   * Stores the event if new and locks it; true when it still needs processing. A concurrent delivery of
   * the same event waits here for the first one's transaction and then finds it processed.
   */
  async claim(
    manager: EntityManager,
    event: { id: string; type: string; payload: Record<string, unknown> },
    at: Date,
  ): Promise<boolean> {
    await manager.query(
      `INSERT INTO stripe_events (id, type, payload, received_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO NOTHING`,
      [event.id, event.type, JSON.stringify(event.payload), at],
    );
    const rows = (await manager.query(`SELECT processed_at FROM stripe_events WHERE id = $1 FOR UPDATE`, [
      event.id,
    ])) as Array<{ processed_at: Date | null }>;
    return rows[0]?.processed_at === null;
  }

  async markProcessed(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(`UPDATE stripe_events SET processed_at = $2 WHERE id = $1`, [id, at]);
  }
}
