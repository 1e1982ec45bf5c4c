import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { DevstackError } from './devstack-error';
import { runCommand } from './managed-process';
import { isRoot } from './system-user';

/**
 * Finds redis-server on PATH. When it is missing and this process is root, installs it with apt-get (a fresh
 * CI machine); otherwise fails with one line saying what to install or set.
 */
export async function ensureRedisServer(): Promise<string> {
  const found = findOnPath('redis-server');
  if (found) return found;
  if (!isRoot() || !findOnPath('apt-get')) {
    throw new DevstackError(
      'redis-server not found on PATH: install it (apt-get install -y redis-server, or brew install redis) or set REDIS_URL (npm run local) / TEST_REDIS_URL (npm test) to a running Redis',
    );
  }
  process.stderr.write('redis-server is not installed; installing it with apt-get\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'redis-server']]) {
    const result = await runCommand('apt-get', args, { env });
    if (result.code !== 0) {
      const tail = result.output.trimEnd().split('\n').slice(-15).join('\n');
      throw new Error(`apt-get ${args.join(' ')} failed while installing redis-server:\n${tail}`);
    }
  }
  const installed = findOnPath('redis-server');
  if (!installed) throw new DevstackError('apt-get installed redis-server but it is still not on PATH');
  return installed;
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}
