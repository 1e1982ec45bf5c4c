import type { AddressInfo } from 'node:net';
import { localControl, type StripeEmulatorControl } from './control/control';
import { EmulatorCore } from './core';
import { token } from './ids';
import { createEmulatorServer } from './server';
import { newWebhookSecret } from './webhooks/signature';
import { DEFAULT_RETRY_POLICY, type WebhookRetryPolicy } from './webhooks/webhook-dispatcher';

export interface StripeEmulatorOptions {
  /** 0 or unset: a free port */
  port?: number;
  /** 127.0.0.1 unless told otherwise */
  host?: string;
  /** the only API key accepted; a fresh `sk_test_...` when unset */
  secretKey?: string;
  /** where events are POSTed; none until set here or through the control */
  webhookUrl?: string;
  /** the endpoint's signing secret; a fresh `whsec_...` when unset */
  webhookSecret?: string;
  webhookRetry?: Partial<WebhookRetryPolicy>;
  /** captured funds wait in `pending` until settled through the control (default: available at once) */
  holdFundsPending?: boolean;
}

export interface StripeEmulator {
  /** base URL, e.g. http://127.0.0.1:12111; the Stripe API is under /v1 */
  url: string;
  host: string;
  port: number;
  secretKey: string;
  webhookSecret: string;
  control: StripeEmulatorControl;
  stop(): Promise<void>;
}

/** Starts the emulator in this process. */
export async function startStripeEmulator(options: StripeEmulatorOptions = {}): Promise<StripeEmulator> {
  const host = options.host ?? '127.0.0.1';
  const secretKey = options.secretKey ?? `sk_test_emulator_${token(24)}`;
  const webhookSecret = options.webhookSecret ?? newWebhookSecret();
  if (!secretKey.startsWith('sk_test_'))
    throw new Error('the emulator only takes test-mode keys (sk_test_...)');
  const core = new EmulatorCore(secretKey, {
    retryPolicy: { ...DEFAULT_RETRY_POLICY, ...options.webhookRetry },
    holdFundsPending: options.holdFundsPending ?? false,
  });
  const control = localControl(core, webhookSecret);
  const server = createEmulatorServer(core, control);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  core.baseUrl = url;
  if (options.webhookUrl)
    await control.setWebhookEndpoint({ url: options.webhookUrl, secret: webhookSecret });
  const stop = async (): Promise<void> => {
    core.webhooks.clear();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };
  return { url, host, port, secretKey, webhookSecret, control, stop };
}
