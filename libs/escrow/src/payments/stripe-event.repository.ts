import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The only code that touches stripe_events. */
@Injectable()
export class StripeEventRepository {
  /**
   * Stores the event marked processed, in the caller's transaction, in one statement; true when this call
   * claimed it and must process it. A concurrent delivery of the same event waits here for the first one's
   * transaction: committed, the event is processed (false); rolled back, this delivery claims it.
   */
  async claim(
    manager: EntityManager,
    event: { id: string; type: string; payload: Record<string, unknown> },
    at: Date,
  ): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO stripe_events (id, type, payload, received_at, processed_at) VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (id) DO UPDATE SET processed_at = EXCLUDED.processed_at
        WHERE stripe_events.processed_at IS NULL
       RETURNING id`,
      [event.id, event.type, JSON.stringify(event.payload), at],
    )) as unknown[];
    return rows.length > 0;
  }
}
