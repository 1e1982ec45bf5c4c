import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve, join } from 'node:path';
import { loadConfig, register } from 'tsconfig-paths';
import {
  createDatabase,
  databaseUrl,
  dropDatabase,
  startPostgres,
  startRedis,
} from '../../libs/devstack/src';

/** What teardown needs; kept on globalThis because setup and teardown share only the Jest parent process. */
export interface TestStack {
  stop(): Promise<void>;
}

const STACK_KEY = Symbol.for('carryover.testStack');
type StackHolder = { [STACK_KEY]?: TestStack };

export function takeTestStack(): TestStack | undefined {
  const holder = globalThis as StackHolder;
  const stack = holder[STACK_KEY];
  delete holder[STACK_KEY];
  return stack;
}

type Cleanup = () => Promise<void>;

/**
 * One Postgres and one Redis for the whole run (throwaway servers unless TEST_DATABASE_URL / TEST_REDIS_URL
 * name existing ones), a fresh database migrated once, and the environment every test worker inherits.
 */
export default async function globalSetup(): Promise<void> {
  const runId = randomBytes(4).toString('hex');
  const cleanups: Cleanup[] = [];
  const stop = async (): Promise<void> => {
    const errors: unknown[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error) => errors.push(error));
    if (errors.length > 0) throw new AggregateError(errors, 'test stack teardown failed');
  };
  try {
    const { postgresUrl, redisUrl } = await startServers(cleanups);
    const keyPrefix = `carryover-test-${runId}`;
    if (process.env.TEST_REDIS_URL) cleanups.push(() => deleteKeys(redisUrl, keyPrefix));

    const databaseName = `carryover_test_${runId}`;
    await createDatabase(postgresUrl, databaseName).catch((error: Error) => {
      throw new Error(`cannot create the test database on ${redact(postgresUrl)}: ${error.message}`);
    });
    // A throwaway server takes its databases with it; on a shared server the run's database is dropped.
    if (process.env.TEST_DATABASE_URL) cleanups.push(() => dropDatabase(postgresUrl, databaseName));
    const url = databaseUrl(postgresUrl, databaseName);
    await migrate(url);

    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: url,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: keyPrefix,
      JWT_SECRET: randomBytes(36).toString('base64url'),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    });
    (globalThis as StackHolder)[STACK_KEY] = { stop };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}

/** Starts what is not given by URL, in parallel; whatever did start is registered for cleanup even on failure. */
async function startServers(cleanups: Cleanup[]): Promise<{ postgresUrl: string; redisUrl: string }> {
  const [postgres, redis] = await Promise.allSettled([
    process.env.TEST_DATABASE_URL
      ? { url: process.env.TEST_DATABASE_URL, stop: undefined }
      : startPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'carryover-test-pg-')), persistent: false }),
    process.env.TEST_REDIS_URL
      ? { url: process.env.TEST_REDIS_URL, stop: undefined }
      : startRedis({ persistent: false }),
  ]);
  for (const started of [postgres, redis]) {
    if (started.status === 'fulfilled' && started.value.stop) cleanups.push(started.value.stop);
  }
  if (postgres.status === 'rejected') throw postgres.reason;
  if (redis.status === 'rejected') throw redis.reason;
  // The Unix socket of a server started here: far cheaper round trips than loopback TCP.
  const postgresUrl = 'socketUrl' in postgres.value ? postgres.value.socketUrl : postgres.value.url;
  return { postgresUrl, redisUrl: redis.value.url };
}

/** Migrations import through the @carryover/* aliases, which Node resolves only with tsconfig paths registered. */
async function migrate(url: string): Promise<void> {
  const root = resolve(__dirname, '../..');
  const config = loadConfig(root);
  if (config.resultType === 'failed') throw new Error(`cannot read ${root}/tsconfig.json: ${config.message}`);
  const unregister = register({ baseUrl: config.absoluteBaseUrl, paths: config.paths });
  try {
    const { Logger } = await import('@nestjs/common');
    // Keeps the data source's per-migration log lines out of the test output (this process only).
    Logger.overrideLogger(['error', 'warn']);
    const { migrateDatabase } = await import('../../migrations/data-source');
    await migrateDatabase(url);
  } finally {
    unregister();
  }
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
      if ((keys as string[]).length > 0) await redis.unlink(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
