import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { migrateDatabase } from '@carryover/migrations';
import { createDatabase, databaseUrl, dropDatabase } from '../../libs/devstack/src';

export interface IsolatedDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A migrated database of its own on the test run's Postgres server. A suite that runs the worker uses one,
 * because the worker's outbox relay takes every pending event in its database: on the shared database it
 * would also drive the trades of the suites running beside it.
 */
export async function createIsolatedDatabase(label: string): Promise<IsolatedDatabase> {
  const runUrl = process.env.DATABASE_URL;
  if (!runUrl) throw new Error('DATABASE_URL is not set: run under the Jest global setup');
  const name = `${new URL(runUrl).pathname.slice(1)}_${label}_${randomBytes(3).toString('hex')}`;
  await createDatabase(runUrl, name);
  const url = databaseUrl(runUrl, name);
  Logger.overrideLogger(['error', 'warn']);
  await migrateDatabase(url);
  return { url, drop: () => dropDatabase(runUrl, name) };
}
