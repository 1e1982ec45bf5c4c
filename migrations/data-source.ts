import { DataSource, type DataSourceOptions } from 'typeorm';
import { AUDIT_ENTITIES } from '@carryover/audit';
import { CATALOG_ENTITIES } from '@carryover/catalog';
import { COMPLIANCE_ENTITIES } from '@carryover/compliance';
import { CREDITS_ENTITIES } from '@carryover/credits';
import {
  ESCROW_SETTLEMENT_ENTITIES,
  LEDGER_ENTITIES,
  PAYMENT_ENTITIES,
  PAYOUT_ENTITIES,
} from '@carryover/escrow';
import { MARKET_ENTITIES } from '@carryover/market';
import { IDENTITY_ENTITIES } from '@carryover/identity';
import { SETTLEMENT_ENTITIES } from '@carryover/settlement';
import { NOTIFICATION_ENTITIES } from '@carryover/notifications';
import { DatabaseLogger, SHARED_ENTITIES, SnakeNamingStrategy } from '@carryover/shared';
import { MIGRATIONS } from './all-migrations';

export const ENTITIES = [
  ...SHARED_ENTITIES,
  ...IDENTITY_ENTITIES,
  ...AUDIT_ENTITIES,
  ...CATALOG_ENTITIES,
  ...COMPLIANCE_ENTITIES,
  ...CREDITS_ENTITIES,
  ...MARKET_ENTITIES,
  ...LEDGER_ENTITIES,
  ...PAYMENT_ENTITIES,
  ...PAYOUT_ENTITIES,
  ...ESCROW_SETTLEMENT_ENTITIES,
  ...SETTLEMENT_ENTITIES,
  ...NOTIFICATION_ENTITIES,
];

export interface DatabaseSettings {
  url: string;
  poolSize?: number;
  applicationName?: string;
  logging?: boolean;
}

/** The one database configuration: the apps, the tests and the migration CLI all build from it. */
export function buildDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: settings.logging ? ['error', 'warn', 'migration', 'schema'] : ['error', 'warn'],
    logger: new DatabaseLogger(),
    maxQueryExecutionTime: 1_000,
    uuidExtension: 'pgcrypto',
    applicationName: settings.applicationName ?? 'carryover',
    extra: { max: settings.poolSize ?? 10 },
  };
}

export function createDataSource(settings: DatabaseSettings): DataSource {
  return new DataSource(buildDataSourceOptions(settings));
}

/** Applies every pending migration; returns the names applied. */
export async function migrateDatabase(url: string): Promise<string[]> {
  const dataSource = createDataSource({ url, poolSize: 2, applicationName: 'carryover-migrate' });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
