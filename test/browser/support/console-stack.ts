import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { DEMO_LOGINS, runDemoActivity } from '../../../apps/local/src/demo-activity';
import { startSettlementTestbed, type SettlementTestbed } from '../../support/settlement-testbed';

export { DEMO_LOGINS };

export interface ConsoleStack {
  bed: SettlementTestbed;
  /** http://127.0.0.1:<port>: the API, which serves the built console at /admin. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * A database and Redis prefix of the suite's own, the Stripe emulator, the worker, and the API listening on
 * loopback with the built console (dist/admin). With `demo`, the local demo's data: the seed, then market
 * activity through the API.
 */
export async function startConsoleStack(
  label: string,
  options: { demo?: boolean } = {},
): Promise<ConsoleStack> {
  const bed = await startSettlementTestbed(label);
  const { port } = bed.api.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    if (options.demo) {
      await seedDemo();
      await runDemoActivity(baseUrl, DEMO_LOGINS);
    }
  } catch (error) {
    await bed.close();
    throw error;
  }
  return { bed, baseUrl, close: () => bed.close() };
}

/** `npm run cli -- seed:demo` on the stack's database: the worker helper pointed process.env at it. */
async function seedDemo(): Promise<void> {
  const { CliModule } = await import('../../../apps/cli/src/cli.module');
  const { SeedDemoCommand } = await import('../../../apps/cli/src/seed-demo.command');
  const app = await NestFactory.createApplicationContext(CliModule, { logger: false, abortOnError: false });
  try {
    await app.get(SeedDemoCommand).run();
  } finally {
    await app.close();
  }
}
