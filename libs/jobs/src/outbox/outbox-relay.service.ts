import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PoolClient } from 'pg';
import { JobQueue } from '../job-queue.service';
import type { OutboxJob, OutboxRoutes } from './outbox-events';
import { OUTBOX_RELAY_OPTIONS, OUTBOX_ROUTES_TOKEN, type OutboxRelayOptions } from './outbox.tokens';

interface PendingRow {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

/**
 * Moves committed outbox events to BullMQ. Each pass claims a batch of pending rows (FOR UPDATE SKIP
 * LOCKED, so several relays share the work), enqueues each routed job with jobId = event id and marks the
 * rows relayed in the same transaction. A crash after the enqueue and before the commit re-enqueues the
 * same ids, which BullMQ ignores; Redis being down rolls the pass back and the rows wait for the next one.
 * Woken by the insert trigger's NOTIFY, and by a poll as the safety net.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener: PoolClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobQueue: JobQueue,
    @Inject(OUTBOX_ROUTES_TOKEN) private readonly routes: OutboxRoutes,
    @Inject(OUTBOX_RELAY_OPTIONS) private readonly options: OutboxRelayOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.autoStart) return;
    await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.timer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const listener = this.listener;
    this.listener = null;
    if (listener) {
      await listener.query('UNLISTEN outbox_events').catch(() => undefined);
      listener.release();
    }
    await this.running;
  }

  /** Relays until nothing is pending; returns how many events were relayed. For tests and tools. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const relayed = await this.relayBatch();
      total += relayed;
      if (relayed < this.options.batchSize) return total;
    }
  }

  /**
   * One pass: claims up to batchSize pending events marking them relayed (one statement), enqueues their
   * jobs and commits; a failed enqueue rolls the marks back.
   */
  async relayBatch(): Promise<number> {
    let claimed: PendingRow[] = [];
    try {
      return await this.dataSource.transaction(async (manager) => {
        claimed = await this.claim(manager);
        if (claimed.length === 0) return 0;
        await this.enqueue(claimed);
        return claimed.length;
      });
    } catch (error) {
      // After the rollback released the rows' locks.
      if (claimed.length > 0) await this.recordFailure(claimed, error);
      throw error;
    }
  }

  private async enqueue(rows: PendingRow[]): Promise<void> {
    const jobs = rows.flatMap((row) =>
      (this.routes[row.name] ?? []).map((name) => ({
        name,
        payload: {
          eventId: row.id,
          name: row.name,
          payload: row.payload,
          occurredAt: row.occurred_at.toISOString(),
        } as OutboxJob,
        jobId: row.id,
      })),
    );
    await this.jobQueue.enqueueMany(jobs);
  }

  /** The oldest pending events, locked (SKIP LOCKED: another relay takes others) and marked relayed. */
  private async claim(manager: EntityManager): Promise<PendingRow[]> {
    const [rows] = (await manager.query(
      `WITH pending AS (
         SELECT id FROM outbox_events WHERE relayed_at IS NULL ORDER BY occurred_at, id
          LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE outbox_events e SET relayed_at = clock_timestamp(), relay_attempts = relay_attempts + 1,
              last_error = NULL
         FROM pending WHERE e.id = pending.id
       RETURNING e.id, e.name, e.payload, e.occurred_at`,
      [this.options.batchSize],
    )) as [PendingRow[], number];
    // RETURNING comes in no particular order; jobs are enqueued in the events' order.
    return rows.sort(
      (a, b) => a.occurred_at.getTime() - b.occurred_at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  /** Outside the rolled-back pass, so operators can see why events are waiting. */
  private async recordFailure(rows: PendingRow[], error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    await this.dataSource
      .query(
        `UPDATE outbox_events SET relay_attempts = relay_attempts + 1, last_error = $2
          WHERE id = ANY($1::uuid[]) AND relayed_at IS NULL`,
        [rows.map((row) => row.id), message.slice(0, 1000)],
      )
      .catch(() => undefined);
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async loop(): Promise<void> {
    try {
      while (!this.stopped && (await this.relayBatch()) === this.options.batchSize) {
        // A full batch: more may be waiting.
      }
    } catch (error) {
      this.logger.warn(`Outbox relay pass failed; retrying on the next poll: ${(error as Error).message}`);
    }
  }

  private async listen(): Promise<void> {
    const driver = this.dataSource.driver as unknown as { master: { connect(): Promise<PoolClient> } };
    const client = await driver.master.connect();
    client.on('notification', () => this.wake());
    client.on('error', (error: Error) => {
      this.logger.warn(`Outbox listener lost (${error.message}); polling until it reconnects`);
      this.listener = null;
      setTimeout(() => void this.relisten(), this.options.pollIntervalMs).unref();
    });
    await client.query('LISTEN outbox_events');
    this.listener = client;
  }

  private async relisten(): Promise<void> {
    if (this.stopped || this.listener) return;
    await this.listen().catch((error: Error) => {
      this.logger.warn(`Outbox listener reconnect failed: ${error.message}`);
      setTimeout(() => void this.relisten(), this.options.pollIntervalMs).unref();
    });
  }
}
