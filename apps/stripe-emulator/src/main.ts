import { startStripeEmulator } from './emulator';

const DEFAULT_PORT = 12111;

/**
 * The Stripe emulator on its own: PORT (default 12111, 0 for any free port), STRIPE_EMULATOR_SECRET_KEY,
 * STRIPE_EMULATOR_WEBHOOK_URL, STRIPE_EMULATOR_WEBHOOK_SECRET, STRIPE_EMULATOR_HOLD_FUNDS_PENDING=true.
 */
async function main(): Promise<void> {
  const env = process.env;
  const port = env.PORT === undefined || env.PORT === '' ? DEFAULT_PORT : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not ${env.PORT}`);
  const emulator = await startStripeEmulator({
    port,
    secretKey: env.STRIPE_EMULATOR_SECRET_KEY || undefined,
    webhookUrl: env.STRIPE_EMULATOR_WEBHOOK_URL || undefined,
    webhookSecret: env.STRIPE_EMULATOR_WEBHOOK_SECRET || undefined,
    holdFundsPending: env.STRIPE_EMULATOR_HOLD_FUNDS_PENDING === 'true',
  });
  console.log(`Stripe emulator listening on ${emulator.url}`);
  console.log(`  secret key      ${emulator.secretKey}`);
  console.log(`  webhook secret  ${emulator.webhookSecret}`);
  console.log(
    `  webhooks to     ${env.STRIPE_EMULATOR_WEBHOOK_URL || `none yet (PUT ${emulator.url}/_emulator/webhook-endpoint)`}`,
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
