import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findFreePort, isPortFree } from '@carryover/devstack';
import { migrateDatabase } from '@carryover/migrations';
import { Logger } from '@nestjs/common';
import { startApp } from './app-process';
import { log, logError } from './console';
import { loadEnvFile } from './env-file';
import { ensureLocalDir, provideDatabase, provideJwtSecret, provideRedis } from './local-dependencies';
import { Interrupted, Supervisor } from './supervisor';
import { waitForHealth } from './wait-for-health';
import { startStripeEmulator } from '../../stripe-emulator/src';
import { DEMO_LOGINS, runDemoActivity } from './demo-activity';

const DEFAULT_PORT = 3000;
const HEALTH_TIMEOUT_MS = 60_000;

/** `npm run local`: PostgreSQL and Redis (unless given by URL), migrations, demo seed, then api + worker. */
async function run(supervisor: Supervisor): Promise<void> {
  const root = repositoryRoot(__dirname);
  const fromFile = loadEnvFile(join(root, '.env'));
  if (fromFile.length > 0) log(`read ${fromFile.join(', ')} from .env`);
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'PORT']) {
    if (process.env[key] === '') delete process.env[key];
  }
  const localDir = ensureLocalDir(root);
  const port = await choosePort();

  const env: NodeJS.ProcessEnv = { NODE_ENV: 'development', ...process.env };
  env.DATABASE_URL = await provideDatabase(localDir, supervisor);
  supervisor.throwIfStopping();
  env.REDIS_URL = await provideRedis(localDir, supervisor);
  supervisor.throwIfStopping();
  env.JWT_SECRET = provideJwtSecret(localDir);

  // The data source logs each migration through Nest; the summary line below is enough here.
  Logger.overrideLogger(['error', 'warn']);
  const applied = await migrateDatabase(env.DATABASE_URL);
  log(applied.length > 0 ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
  supervisor.throwIfStopping();

  await seedDemo(root, env, supervisor);
  supervisor.throwIfStopping();

  env.PORT = String(port);
  // Payout onboarding returns to the portal, and notification e-mails link into it.
  env.PUBLIC_APP_URL ??= `http://localhost:${port}/app`;
  const stripe = await provideStripe(env, port, supervisor);
  for (const name of ['api', 'worker']) {
    const app = startApp(name, builtEntry(root, name), [], { cwd: root, env, prefixOutput: true });
    supervisor.add(name, () => app.stop(), app.exited);
  }
  await waitForHealth(`http://127.0.0.1:${port}/health`, HEALTH_TIMEOUT_MS, supervisor);
  // Trades at each step an operator works on, so the console has something to show; kept on a rerun.
  await runDemoActivity(`http://127.0.0.1:${port}`, DEMO_LOGINS, log).catch((error: unknown) =>
    logError(`demo market activity not created: ${error instanceof Error ? error.message : String(error)}`),
  );
  printUrls(port, stripe);
}

/** Without STRIPE_SECRET_KEY, payments go to the project's Stripe emulator, which posts webhooks to this API. */
async function provideStripe(env: NodeJS.ProcessEnv, port: number, supervisor: Supervisor): Promise<string> {
  if (env.STRIPE_SECRET_KEY)
    return env.STRIPE_API_URL
      ? `Stripe at ${env.STRIPE_API_URL}`
      : 'Stripe (test mode keys from the environment)';
  const emulator = await startStripeEmulator({ webhookUrl: `http://127.0.0.1:${port}/v1/webhooks/stripe` });
  supervisor.add('stripe-emulator', () => emulator.stop());
  env.STRIPE_API_URL = emulator.url;
  env.STRIPE_SECRET_KEY = emulator.secretKey;
  env.STRIPE_WEBHOOK_SECRET = emulator.webhookSecret;
  return `Stripe emulator at ${emulator.url} (set STRIPE_SECRET_KEY to use Stripe test mode)`;
}

async function seedDemo(root: string, env: NodeJS.ProcessEnv, supervisor: Supervisor): Promise<void> {
  const seed = startApp('seed', builtEntry(root, 'cli'), ['seed:demo'], {
    cwd: root,
    env,
    prefixOutput: false,
  });
  supervisor.add('seed', () => seed.stop());
  const { code, signal } = await seed.exited;
  supervisor.remove('seed');
  supervisor.throwIfStopping();
  if (code !== 0) throw new Error(`seed:demo failed (${signal ? `signal ${signal}` : `exit code ${code}`})`);
}

/** PORT when set (it must be free); else 3000, or any free port when 3000 is taken. */
async function choosePort(): Promise<number> {
  if (process.env.PORT) {
    const port = Number(process.env.PORT);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port number`);
    if (!(await isPortFree(port)))
      throw new Error(`PORT ${port} is already in use: free it or set another PORT`);
    return port;
  }
  if (await isPortFree(DEFAULT_PORT)) return DEFAULT_PORT;
  const port = await findFreePort();
  log(`port ${DEFAULT_PORT} is busy; the API will listen on ${port} instead`);
  return port;
}

function printUrls(port: number, stripe: string): void {
  const base = `http://localhost:${port}`;
  console.log(
    [
      '',
      'Carryover is running:',
      `  API       ${base}/v1`,
      `  API docs  ${base}/docs`,
      `  Console   ${base}/admin`,
      `  Portal    ${base}/app`,
      `  Metrics   ${base}/metrics`,
      `  Health    ${base}/health`,
      `  Payments  ${stripe}`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

function builtEntry(root: string, app: string): string {
  const entry = join(root, 'dist', 'apps', app, 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build (npm run local does)`);
  return entry;
}

/** The directory holding package.json above this file (dist/apps/local/src when built). */
function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

async function main(): Promise<void> {
  const supervisor = new Supervisor();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => supervisor.requestStop(`received ${signal}`, 0));
  }
  try {
    await run(supervisor);
    await supervisor.stopRequested;
  } catch (error) {
    if (!(error instanceof Interrupted)) {
      logError(error instanceof Error ? error.message : String(error));
      supervisor.requestStop('start-up failed', 1);
    }
  }
  const code = supervisor.exitCode();
  await supervisor.stopAll();
  log(code === 0 ? 'stopped' : `stopped (exit code ${code})`);
  process.exit(code);
}

void main();
