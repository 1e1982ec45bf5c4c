// The @carryover/migrations alias exposes only the migration list; the data source config sits beside it.
import { buildDataSourceOptions } from '@carryover/migrations';
import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { ConfigService } from '@nestjs/config';
import { types } from 'node:util';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { WorkerEnv } from '../config/worker.env';

export function workerTypeOrmOptions(config: ConfigService<WorkerEnv, true>): TypeOrmModuleOptions {
  return {
    ...buildDataSourceOptions({
      url: config.get('DATABASE_URL', { infer: true }),
      poolSize: config.get('DATABASE_POOL_SIZE', { infer: true }),
      applicationName: 'carryover-worker',
    }),
    // Fail fast instead of @nestjs/typeorm's nine silent-ish retries; the orchestrator restarts the worker.
    toRetry: () => false,
  };
}

/** Opens the pool, turning a connection failure into a message that names the database endpoint. */
export async function initializeDataSource(options?: DataSourceOptions): Promise<DataSource> {
  if (!options) {
    throw new Error('TypeORM options are missing');
  }
  try {
    return await new DataSource(options).initialize();
  } catch (error: unknown) {
    const reason = types.isNativeError(error) ? error.message : String(error);
    const url = 'url' in options ? options.url : undefined;
    throw new Error(`Postgres is unreachable at ${describePostgresEndpoint(url)} (DATABASE_URL): ${reason}`, {
      cause: error,
    });
  }
}

function describePostgresEndpoint(url: string | undefined): string {
  try {
    const parsed = new URL(url ?? '');
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
