import { JobQueue } from '@carryover/jobs';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { validateWorkerEnv } from '../../apps/worker/src/config/worker.env';
import { createIsolatedDatabase, type IsolatedDatabase } from '../support/isolated-database';

/** Open TCP sockets of this process: Redis and Postgres connections alike. */
const openSockets = (): number =>
  process.getActiveResourcesInfo().filter((kind) => kind === 'TCPSocketWrap').length;

async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Imported late: ConfigModule validates process.env when the worker module is first loaded. */
async function bootWorker(): Promise<INestApplicationContext> {
  const { WorkerModule } = await import('../../apps/worker/src/worker.module');
  return NestFactory.createApplicationContext(WorkerModule, { logger: false, abortOnError: false });
}

describe('worker (real Postgres and Redis)', () => {
  const runEnv = { ...process.env };
  // A prefix of its own: this worker consumes only the jobs this file enqueues.
  const prefix = `${runEnv.REDIS_KEY_PREFIX ?? 'carryover-test'}-worker`;
  let redis: Redis;
  // A database of its own: the worker's outbox relay would otherwise drive other suites' trades.
  let database: IsolatedDatabase;

  beforeAll(async () => {
    redis = new Redis(runEnv.REDIS_URL ?? '');
    await redis.ping();
    database = await createIsolatedDatabase('worker');
  });
  afterAll(async () => {
    process.env.REDIS_KEY_PREFIX = runEnv.REDIS_KEY_PREFIX;
    process.env.DATABASE_URL = runEnv.DATABASE_URL;
    await redis.quit();
    await database?.drop();
  });

  it('runs an enqueued heartbeat job, which records its time in <prefix>:worker:heartbeat, and closes every connection', async () => {
    process.env.REDIS_KEY_PREFIX = prefix;
    process.env.DATABASE_URL = database.url;
    const socketsBefore = openSockets();
    const app = await bootWorker();

    const enqueuedAt = Date.now();
    const jobId = `heartbeat-e2e-${enqueuedAt}`;
    await app.get(JobQueue).enqueue('maintenance.heartbeat', {}, { jobId });
    const maintenance = app.get<Queue>(getQueueToken('maintenance'));
    await waitUntil(
      async () => (await maintenance.getJobState(jobId)) === 'completed',
      `job ${jobId} to complete`,
    );

    const recorded = await redis.get(`${prefix}:worker:heartbeat`);
    expect(recorded).not.toBeNull();
    expect(Date.parse(recorded ?? '')).toBeGreaterThanOrEqual(enqueuedAt);

    await app.close();
    await waitUntil(
      async () => openSockets() <= socketsBefore,
      'the worker’s Redis and Postgres connections to close',
    );
    expect(openSockets()).toBe(socketsBefore);
  }, 30_000);

  it('fails validation naming REDIS_URL when it is not a redis:// URL', () => {
    const badEnv = { ...runEnv, REDIS_URL: 'http://localhost:6379' };

    expect(() => validateWorkerEnv(badEnv)).toThrow(
      /REDIS_URL: REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/,
    );
  });
});
