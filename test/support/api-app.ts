import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { DestinationStream } from 'pino';
import { createApiApp } from '../../apps/api/src/create-api-app';

export interface TestApi {
  app: NestExpressApplication;
  http: TestAgent;
  close(): Promise<void>;
}

/**
 * The real API application on the real Postgres and Redis of this test run (see test/setup).
 * The sign-in rate limit is raised so suites that register many firms from 127.0.0.1 are not throttled;
 * the rate-limit test lowers it again.
 */
export async function startApi(
  options: { env?: Record<string, unknown>; logDestination?: DestinationStream } = {},
): Promise<TestApi> {
  const app = await createApiApp({
    env: { AUTH_RATE_LIMIT_PER_MINUTE: 1000, ...options.env },
    logDestination: options.logDestination,
  });
  await app.init();
  return { app, http: request(app.getHttpServer()), close: () => app.close() };
}
