// What both market benchmarks share: throwaway Postgres and Redis on 127.0.0.1, the migrated database, the
// real API listening on a loopback port, and a tiny JSON client for seeding through it.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { migrateDatabase } from '@carryover/migrations';
import { CreateOperatorUseCase } from '@carryover/identity';
import {
  createDatabase,
  databaseUrl,
  startPostgres,
  startRedis,
  type PostgresServer,
  type RedisServer,
} from '../../libs/devstack/src';
import { createApiApp } from '../../apps/api/src/create-api-app';

export const DAY_MS = 86_400_000;
const PASSWORD = 'correct-horse-battery-staple';

export interface BenchStack {
  postgres: PostgresServer;
  redis: RedisServer;
  /** the migrated application database */
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts both servers (throwaway: removed on stop, and reaped if this process dies) and migrates a fresh
 * database. `durable` keeps fsync and synchronous_commit on, as a production server runs.
 */
export async function startBenchStack(options: { durable: boolean }): Promise<BenchStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'carryover-bench-pg-'));
  const [postgres, redis] = await Promise.all([
    startPostgres({ dataDir, persistent: false, durable: options.durable }),
    startRedis({ persistent: false }),
  ]);
  const stop = async (): Promise<void> => {
    await Promise.allSettled([postgres.stop(), redis.stop()]);
  };
  try {
    await createDatabase(postgres.socketUrl, 'carryover_bench');
    // The Unix socket, as pgbench uses it: the same transport for the figure and its reference.
    const url = databaseUrl(postgres.socketUrl, 'carryover_bench');
    Logger.overrideLogger(['error', 'warn']);
    await migrateDatabase(url);
    return { postgres, redis, databaseUrl: url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Stops the servers when the run is interrupted, then exits; returns the function that unhooks it. */
export function stopOnSignals(stop: () => Promise<void>): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    console.error(`\n${signal}: stopping the benchmark's servers`);
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/**
 * `stopOnSignals`, and the same when the run outlives `limitMs`; returns the function that lifts both
 * (call it once the run has stopped the servers itself).
 */
export function guardRun(stop: () => Promise<void>, limitMs: number): () => void {
  const unhook = stopOnSignals(stop);
  const watchdog = setTimeout(() => {
    console.error(`run limit of ${limitMs / 60_000} min reached: stopping`);
    void stop().finally(() => process.exit(1));
  }, limitMs);
  return () => {
    clearTimeout(watchdog);
    unhook();
  };
}

export interface BenchApi {
  app: NestExpressApplication;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  db: DataSource;
  close(): Promise<void>;
}

/**
 * The API as production builds it, listening on 127.0.0.1; logs at `info` into a discarding stream. Give
 * `jwtSecret` when other API processes must accept its tokens (a random one otherwise).
 */
export async function startBenchApi(
  stack: BenchStack,
  options: { jwtSecret?: string } = {},
): Promise<BenchApi> {
  const app = await createApiApp({
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: stack.databaseUrl,
      REDIS_URL: stack.redis.url,
      REDIS_KEY_PREFIX: 'carryover-bench',
      JWT_SECRET: options.jwtSecret ?? randomBytes(36).toString('base64url'),
      LOG_LEVEL: 'info',
      AUTH_RATE_LIMIT_PER_MINUTE: 10_000,
    },
    // Request logs are built as in production but not written: the terminal is for the figures.
    logDestination: { write: () => true },
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, db: app.get(DataSource), close: () => app.close() };
}

export type Auth = { Authorization: string };

/** One JSON request; throws with the problem body unless the status is the expected one. */
export async function call<T = Record<string, unknown>>(
  api: BenchApi,
  method: 'GET' | 'POST',
  path: string,
  options: { auth?: Auth; body?: unknown; expect?: number } = {},
): Promise<T> {
  const response = await fetch(`${api.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...options.auth },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  if (response.status !== (options.expect ?? (method === 'POST' ? 201 : 200))) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return (text === '' ? {} : JSON.parse(text)) as T;
}

/** A platform operator, created the way the CLI does, signed in. */
export async function signInOperator(api: BenchApi): Promise<Auth> {
  const email = `operator-${randomUUID().slice(0, 8)}@bench.example`;
  await api.app.get(CreateOperatorUseCase).execute({ email, password: PASSWORD, name: 'Bench operator' });
  return login(api, email);
}

/** Registers a firm and has the operator verify its KYC; returns its admin's token. */
export async function kycVerifiedFirm(
  api: BenchApi,
  operator: Auth,
  name: string,
): Promise<{ organizationId: string; auth: Auth }> {
  const email = `${name}-${randomUUID().slice(0, 8)}@bench.example`;
  const registered = await call<{ organization: { id: string }; accessToken: string }>(
    api,
    'POST',
    '/v1/auth/register',
    {
      body: {
        organization: { name: `${name} ${randomUUID().slice(0, 6)}`, country: 'GB' },
        user: { email, password: PASSWORD, name },
      },
    },
  );
  await call(api, 'POST', `/v1/admin/organizations/${registered.organization.id}/kyc`, {
    auth: operator,
    body: { decision: 'verify', reason: 'benchmark' },
    expect: 200,
  });
  return {
    organizationId: registered.organization.id,
    auth: { Authorization: `Bearer ${registered.accessToken}` },
  };
}

async function login(api: BenchApi, email: string): Promise<Auth> {
  const session = await call<{ accessToken: string }>(api, 'POST', '/v1/auth/login', {
    body: { email, password: PASSWORD },
    expect: 200,
  });
  return { Authorization: `Bearer ${session.accessToken}` };
}

/**
 * A provider of the benchmark's own, resale allowed on every method, no lot-size limit. There is no API
 * for creating providers (they come with migrations), so this one row is written directly.
 */
export async function createBenchProvider(db: DataSource, code: string): Promise<void> {
  await db.query(`INSERT INTO providers (code, name, currencies) VALUES ($1, $2, ARRAY['USD'])`, [
    code,
    `Bench AI ${code}`,
  ]);
  await db.query(
    `INSERT INTO provider_policies (provider_code, version, resale, transfer_methods, min_days_to_expiry,
       resaleable_sources, buyer_same_legal_entity_only, buyer_regions, max_lot_face_value_minor, notes, source_url)
     VALUES ($1, 1, 'allowed', ARRAY['account_transfer', 'invoice_reassignment', 'structured_resale'], 14,
       ARRAY['prepaid_purchase', 'commitment'], false, NULL, NULL, 'benchmark policy', NULL)`,
    [code],
  );
}

/** Registers a lot of `faceValueMinor` expiring in 300 days and has the operator verify it. */
export async function verifiedLot(
  api: BenchApi,
  operator: Auth,
  seller: Auth,
  providerCode: string,
  faceValueMinor: number,
): Promise<string> {
  const lot = await call<{ id: string }>(api, 'POST', '/v1/credit-lots', {
    auth: seller,
    body: {
      providerCode,
      accountReference: `acct-${randomUUID().slice(0, 8)}`,
      faceValueMinor,
      currency: 'USD',
      expiresAt: new Date(Date.now() + 300 * DAY_MS).toISOString(),
      source: 'prepaid_purchase',
      transferMethods: ['account_transfer', 'invoice_reassignment'],
      evidence: { statementReference: `INV-${randomUUID().slice(0, 6)}`, note: 'benchmark' },
    },
  });
  await call(api, 'POST', `/v1/admin/credit-lots/${lot.id}/verification`, {
    auth: operator,
    body: { decision: 'verify', reason: 'benchmark' },
    expect: 200,
  });
  return lot.id;
}

/** The sample at quantile q (0..1) of ascending `sorted`, nearest rank. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const fmt = (value: number, digits = 1): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
