import { execFileSync } from 'node:child_process';
import { chmodSync, lchownSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DevstackError } from './devstack-error';

export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Looks a user up in /etc/passwd, then through NSS (`id`) for directory-backed users. */
export function lookupUser(name: string): SystemUser | undefined {
  return fromPasswd(name) ?? fromId(name);
}

function fromPasswd(name: string): SystemUser | undefined {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith(`${name}:`));
    const [, , uid, gid] = line?.split(':') ?? [];
    return uid && gid ? { name, uid: Number(uid), gid: Number(gid) } : undefined;
  } catch {
    return undefined;
  }
}

function fromId(name: string): SystemUser | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: 'pipe' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { name, uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The user a server must run as: `postgres` when this process is root (Postgres refuses to run as root),
 * otherwise undefined, meaning "as myself".
 */
export function postgresUserWhenRoot(): SystemUser | undefined {
  if (!isRoot()) return undefined;
  const user = lookupUser('postgres');
  if (!user) {
    throw new DevstackError(
      'running as root but there is no "postgres" OS user to run PostgreSQL as: install the postgresql package (it creates the user) or run as a normal user',
    );
  }
  return user;
}

/** Spawn options that drop to `user` (libuv also clears supplementary groups). */
export function spawnIdentity(user: SystemUser | undefined): { uid?: number; gid?: number } {
  return user ? { uid: user.uid, gid: user.gid } : {};
}

/** Hands a directory tree to `user` and makes the top private, as Postgres requires of its data directory. */
export function ownPrivately(dir: string, user: SystemUser | undefined): void {
  if (user && statSync(dir).uid !== user.uid) chownTree(dir, user);
  chmodSync(dir, 0o700);
}

function chownTree(path: string, user: SystemUser): void {
  lchownSync(path, user.uid, user.gid);
  if (!statSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) chownTree(join(path, entry), user);
}

/** Fails with one line when `user` cannot traverse every directory above `dir`. */
export function assertReachable(dir: string, user: SystemUser | undefined): void {
  if (!user) return;
  for (let current = dirname(dir); ; current = dirname(current)) {
    const stat = statSync(current);
    const bit = stat.uid === user.uid ? 0o100 : stat.gid === user.gid ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) {
      throw new DevstackError(
        `the ${user.name} OS user cannot reach ${dir}: ${current} is not searchable by it (chmod o+x ${current}, or use another directory)`,
      );
    }
    if (dirname(current) === current) return;
  }
}
