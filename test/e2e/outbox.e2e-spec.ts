import {
  JobQueue,
  OutboxModule,
  OutboxRelay,
  OutboxRelayModule,
  OutboxService,
  type OutboxJob,
  type OutboxRoutes,
} from '@carryover/jobs';
import { buildDataSourceOptions } from '@carryover/migrations';
import { ClockModule } from '@carryover/shared';
import { getQueueToken } from '@nestjs/bullmq';
import { ConfigModule } from '@nestjs/config';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

const ROUTES: OutboxRoutes = {
  'trade.funded': ['maintenance.heartbeat'],
};

function tradePayload(tradeId: string) {
  return {
    tradeId,
    status: 'funded',
    previousStatus: 'awaiting_payment',
    buyerOrganizationId: randomUUID(),
    sellerOrganizationId: randomUUID(),
  };
}

async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('transactional outbox and relay (real Postgres and Redis)', () => {
  let moduleRef: TestingModule;
  let dataSource: DataSource;
  let outbox: OutboxService;
  let relay: OutboxRelay;
  let maintenance: Queue;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          // A prefix of its own: nothing else consumes or sees these jobs.
          load: [() => ({ ...process.env, REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX}-outbox` })],
        }),
        ClockModule,
        TypeOrmModule.forRoot(buildDataSourceOptions({ url: process.env.DATABASE_URL ?? '', poolSize: 4 })),
        OutboxModule,
        // A poll far beyond the test's wait: only NOTIFY can wake the started relay in time.
        OutboxRelayModule.forRoot({ autoStart: false, batchSize: 3, pollIntervalMs: 60_000 }, ROUTES),
      ],
    }).compile();
    await moduleRef.init();
    dataSource = moduleRef.get(DataSource);
    outbox = moduleRef.get(OutboxService);
    relay = moduleRef.get(OutboxRelay);
    maintenance = moduleRef.get<Queue>(getQueueToken('maintenance'));
    await maintenance.obliterate({ force: true });
    // Rows other suites left pending are not this suite's concern.
    await dataSource.query(`UPDATE outbox_events SET relayed_at = now() WHERE relayed_at IS NULL`);
  });

  afterAll(async () => {
    await relay.stop();
    await maintenance.obliterate({ force: true });
    await moduleRef.close();
  });

  async function publish(tradeId: string): Promise<string> {
    const [id] = await dataSource.transaction((manager) =>
      outbox.publish(manager, [{ name: 'trade.funded', payload: tradePayload(tradeId) }]),
    );
    return id ?? '';
  }

  it('refuses to publish outside a transaction', async () => {
    await expect(
      outbox.publish(dataSource.manager, [{ name: 'trade.funded', payload: tradePayload(randomUUID()) }]),
    ).rejects.toThrow(/needs a transaction/);
  });

  it('relays nothing from a rolled-back transaction', async () => {
    const tradeId = randomUUID();
    await expect(
      dataSource.transaction(async (manager) => {
        await outbox.publish(manager, [{ name: 'trade.funded', payload: tradePayload(tradeId) }]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    expect(await relay.drain()).toBe(0);
    const rows = (await dataSource.query(`SELECT id FROM outbox_events WHERE payload->>'tradeId' = $1`, [
      tradeId,
    ])) as unknown[];
    expect(rows).toHaveLength(0);
  });

  it('enqueues a committed event once, with jobId = event id and the event as payload', async () => {
    const tradeId = randomUUID();
    const eventId = await publish(tradeId);

    expect(await relay.drain()).toBe(1);
    expect(await relay.drain()).toBe(0);

    const job = await maintenance.getJob(eventId);
    expect(job?.name).toBe('maintenance.heartbeat');
    const data = job?.data as OutboxJob<'trade.funded'>;
    expect(data).toMatchObject({ eventId, name: 'trade.funded', payload: { tradeId, status: 'funded' } });
    expect(Date.parse(data.occurredAt)).not.toBeNaN();
    const [row] = (await dataSource.query(`SELECT relayed_at FROM outbox_events WHERE id = $1`, [
      eventId,
    ])) as { relayed_at: Date | null }[];
    expect(row?.relayed_at).toBeInstanceOf(Date);
  });

  it('does not double a job when the relay dies between the enqueue and its commit', async () => {
    const eventId = await publish(randomUUID());
    await relay.drain();
    const before = await maintenance.getJobCounts('waiting', 'delayed', 'active', 'completed');
    // The state a crash after enqueue, before the UPDATE committed, leaves behind.
    await dataSource.query(`UPDATE outbox_events SET relayed_at = NULL WHERE id = $1`, [eventId]);

    expect(await relay.drain()).toBe(1);

    expect(await maintenance.getJobCounts('waiting', 'delayed', 'active', 'completed')).toEqual(before);
    expect((await maintenance.getJob(eventId))?.id).toBe(eventId);
  });

  it('relays in batches, oldest first, until nothing is pending', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) ids.push(await publish(randomUUID()));

    expect(await relay.drain()).toBe(7);

    const jobs = await Promise.all(ids.map((id) => maintenance.getJob(id)));
    expect(jobs.map((job) => job?.id)).toEqual(ids);
  });

  it('keeps events pending while Redis refuses them and relays them afterwards', async () => {
    const eventId = await publish(randomUUID());
    const jobQueue = moduleRef.get(JobQueue);
    const enqueueMany = jest
      .spyOn(jobQueue, 'enqueueMany')
      .mockRejectedValueOnce(new Error('Connection is closed.'));

    await expect(relay.relayBatch()).rejects.toThrow('Connection is closed.');
    const [pending] = (await dataSource.query(
      `SELECT relayed_at, relay_attempts, last_error FROM outbox_events WHERE id = $1`,
      [eventId],
    )) as { relayed_at: Date | null; relay_attempts: number; last_error: string | null }[];
    expect(pending).toEqual({ relayed_at: null, relay_attempts: 1, last_error: 'Connection is closed.' });
    expect(await maintenance.getJob(eventId)).toBeUndefined();

    expect(await relay.drain()).toBe(1);
    enqueueMany.mockRestore();
    expect((await maintenance.getJob(eventId))?.id).toBe(eventId);
  });

  it('wakes on commit when started: NOTIFY brings the event over without waiting for the poll', async () => {
    await relay.start();
    try {
      const eventId = await publish(randomUUID());
      await waitUntil(async () => (await maintenance.getJob(eventId)) !== undefined, `job ${eventId}`, 5_000);
      expect((await maintenance.getJob(eventId))?.data).toMatchObject({ eventId, name: 'trade.funded' });
    } finally {
      await relay.stop();
    }
  });
});
