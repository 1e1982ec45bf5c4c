import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseUrl, ensureDatabase, startPostgres, startRedis } from '@carryover/devstack';
import { log } from './console';
import type { Supervisor } from './supervisor';

const DATABASE_NAME = 'carryover';

/** .local/ holds the local cluster, Redis data and the JWT secret; the postgres OS user must traverse it. */
export function ensureLocalDir(root: string): string {
  const dir = join(root, '.local');
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
  }
  return dir;
}

/** DATABASE_URL when set; otherwise the persistent cluster in .local/postgres with its `carryover` database. */
export async function provideDatabase(localDir: string, supervisor: Supervisor): Promise<string> {
  if (process.env.DATABASE_URL) {
    log('using DATABASE_URL from the environment');
    return process.env.DATABASE_URL;
  }
  log('starting PostgreSQL (.local/postgres)');
  const postgres = await startPostgres({
    dataDir: join(localDir, 'postgres'),
    persistent: true,
    detached: true,
  });
  supervisor.add('postgres', postgres.stop, postgres.exited);
  postgres.notes.forEach(log);
  if (await ensureDatabase(postgres.socketUrl, DATABASE_NAME)) log(`created database ${DATABASE_NAME}`);
  // Through the Unix socket: the local processes talk to it far more cheaply than over loopback TCP.
  return databaseUrl(postgres.socketUrl, DATABASE_NAME);
}

/** REDIS_URL when set; otherwise a persistent Redis in .local/redis. */
export async function provideRedis(localDir: string, supervisor: Supervisor): Promise<string> {
  if (process.env.REDIS_URL) {
    log('using REDIS_URL from the environment');
    return process.env.REDIS_URL;
  }
  log('starting Redis (.local/redis)');
  const redis = await startRedis({ dir: join(localDir, 'redis'), persistent: true, detached: true });
  supervisor.add('redis', redis.stop, redis.exited);
  redis.notes.forEach(log);
  return redis.url;
}

/** JWT_SECRET when set; otherwise one generated once and kept in .local/jwt-secret, so logins survive restarts. */
export function provideJwtSecret(localDir: string): string {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = join(localDir, 'jwt-secret');
  const kept = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (kept.length >= 32) return kept;
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  log('generated a JWT secret in .local/jwt-secret');
  return secret;
}
