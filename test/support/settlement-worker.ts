import type { INestApplicationContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** The variables a worker must share with the API it settles trades for. */
const SHARED_WITH_API = [
  'DATABASE_URL',
  'REDIS_URL',
  'REDIS_KEY_PREFIX',
  'STRIPE_SECRET_KEY',
  'STRIPE_API_URL',
];

export interface SettlementWorkerOptions {
  /** The API under test: its database, Redis, key prefix and Stripe settings are the worker's. */
  api?: { app: { get(token: typeof ConfigService): ConfigService } };
  /** Variables on top of those (and of process.env), e.g. PAYMENT_WINDOW_SECONDS. */
  env?: Record<string, string | undefined>;
}

export interface SettlementWorker {
  app: INestApplicationContext;
  close(): Promise<void>;
}

/** What the worker module was first loaded with: its ConfigModule validates the environment once, at import. */
let loadedWith: Record<string, string | undefined> | null = null;

/** The environment a worker for `options` runs with. */
export function settlementWorkerEnv(
  options: SettlementWorkerOptions = {},
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  const config = options.api?.app.get(ConfigService);
  for (const name of SHARED_WITH_API) {
    const value = config?.get<string | number>(name) ?? process.env[name];
    env[name] = value === undefined || value === '' ? undefined : String(value);
  }
  return { ...env, ...options.env };
}

/**
 * The real worker (apps/worker WorkerModule: outbox relay, every processor, repeatable jobs) in this
 * process, on the API's Postgres and Redis under the API's REDIS_KEY_PREFIX, so trades created through the
 * API are driven to settled. The worker validates its environment when its module is first loaded, so one
 * process (one Jest test file) runs workers of one environment; asking for another throws.
 */
export async function startSettlementWorker(
  options: SettlementWorkerOptions = {},
): Promise<SettlementWorker> {
  const env = settlementWorkerEnv(options);
  if (loadedWith === null) {
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    loadedWith = env;
  } else {
    const differing = Object.keys({ ...env, ...loadedWith }).filter(
      (name) => env[name] !== loadedWith?.[name],
    );
    if (differing.length > 0) {
      throw new Error(
        `This process loaded the worker with other values of ${differing.join(', ')}; ` +
          'run a worker of another environment with spawnSettlementWorker().',
      );
    }
  }
  const { WorkerModule } = await import('../../apps/worker/src/worker.module');
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    logger: false,
    abortOnError: false,
  });
  return { app, close: () => app.close() };
}

export interface SpawnedSettlementWorker {
  pid: number;
  /** Resolves with the exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no shutdown hooks, running jobs stay active in Redis until they are found stalled. */
  kill(): Promise<void>;
  /** SIGTERM: running jobs finish, then the process exits. */
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '../..');

/**
 * The worker as a child process (apps/worker/src/main.ts through ts-node, as the benchmarks run), for
 * tests that kill it. Resolves once it has logged `worker ready`.
 */
export async function spawnSettlementWorker(
  options: SettlementWorkerOptions & { readyTimeoutMs?: number } = {},
): Promise<SpawnedSettlementWorker> {
  const env = { ...process.env, LOG_LEVEL: 'info', ...settlementWorkerEnv(options) };
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      resolve(ROOT, 'apps/worker/src/main.ts'),
    ],
    { cwd: ROOT, env: withoutUndefined(env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const output: string[] = [];
  const ready = new Promise<void>((done, fail) => {
    const lines = createInterface({ input: child.stdout });
    const keep = (line: string): void => {
      output.push(line);
      if (output.length > 50) output.shift();
    };
    lines.on('line', (line) => {
      keep(line);
      if (line.includes('"worker ready"')) done();
    });
    createInterface({ input: child.stderr }).on('line', keep);
    void exited.then(({ code, signal }) =>
      fail(
        new Error(`worker exited (${code ?? signal}) before it was ready:\n${output.slice(-30).join('\n')}`),
      ),
    );
  });
  ready.catch(() => {});
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(
      () => fail(new Error(`worker not ready after ${timeoutMs} ms:\n${output.slice(-30).join('\n')}`)),
      timeoutMs,
    );
  });
  const signalled = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  try {
    await Promise.race([ready, timeout]);
  } catch (error) {
    await signalled('SIGKILL');
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return {
    pid: child.pid ?? -1,
    exited,
    kill: () => signalled('SIGKILL'),
    stop: () => signalled('SIGTERM'),
  };
}

function withoutUndefined(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
