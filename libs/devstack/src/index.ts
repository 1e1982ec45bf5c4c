export { createDatabase, databaseUrl, dropDatabase, ensureDatabase } from './database-admin';
export { DevstackError } from './devstack-error';
export { findFreePort, isPortFree } from './free-port';
export type { ExitStatus } from './managed-process';
export { startPostgres, type PostgresServer, type StartPostgresOptions } from './postgres-server';
export { startRedis, type RedisServer, type StartRedisOptions } from './redis-server';
export { isRoot } from './system-user';
