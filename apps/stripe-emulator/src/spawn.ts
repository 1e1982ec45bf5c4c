import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { httpControl } from './control/control-client';
import type { StripeEmulator } from './emulator';
import { token } from './ids';
import { newWebhookSecret } from './webhooks/signature';

export interface SpawnStripeEmulatorOptions {
  /** 0 or unset: a free port */
  port?: number;
  secretKey?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  holdFundsPending?: boolean;
  /** give up when the child has not printed its URL by then (default 20 s) */
  startTimeoutMs?: number;
}

export interface SpawnedStripeEmulator extends StripeEmulator {
  pid: number;
}

const LISTENING = /listening on (http:\/\/\S+)/;

/**
 * Starts the emulator in a child process (main.ts through ts-node from sources, main.js when built) and
 * controls it over its `/_emulator` API.
 */
export async function spawnStripeEmulator(
  options: SpawnStripeEmulatorOptions = {},
): Promise<SpawnedStripeEmulator> {
  const secretKey = options.secretKey ?? `sk_test_emulator_${token(24)}`;
  const webhookSecret = options.webhookSecret ?? newWebhookSecret();
  const fromSources = __filename.endsWith('.ts');
  const entry = join(__dirname, fromSources ? 'main.ts' : 'main.js');
  const preload = fromSources ? ['-r', require.resolve('ts-node/register/transpile-only')] : [];
  const child = spawn(process.execPath, [...preload, entry], {
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      STRIPE_EMULATOR_SECRET_KEY: secretKey,
      STRIPE_EMULATOR_WEBHOOK_SECRET: webhookSecret,
      STRIPE_EMULATOR_WEBHOOK_URL: options.webhookUrl ?? '',
      STRIPE_EMULATOR_HOLD_FUNDS_PENDING: String(options.holdFundsPending ?? false),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await readUrl(child, options.startTimeoutMs ?? 20_000).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });
  const { hostname, port } = new URL(url);
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.kill('SIGTERM');
    await exited;
    clearTimeout(timer);
  };
  return {
    url,
    host: hostname,
    port: Number(port),
    secretKey,
    webhookSecret,
    control: httpControl(url),
    stop,
    pid: child.pid ?? -1,
  };
}

function readUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) return reject(new Error('the emulator child has no stdout'));
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    const timer = setTimeout(
      () => reject(new Error(`the Stripe emulator did not start within ${timeoutMs} ms`)),
      timeoutMs,
    );
    lines.on('line', (line) => {
      const match = LISTENING.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve(match[1]);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the Stripe emulator exited with code ${code} before listening`));
    });
    child.once('error', reject);
  });
}
