import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { DevstackError } from './devstack-error';
import { fileSize, lastLines, readSince } from './log-file';
import { runCommand, spawnLogged, type ExitStatus, type ServerProcess } from './managed-process';
import { choosePort, lostPortRace, portFileFor, rememberPort } from './port-choice';
import { findPostgresBinaries, type PostgresBinaries } from './postgres-binaries';
import { clearLeftoverServer } from './processes';
import { reapWithParent } from './reaper';
import {
  assertReachable,
  ownPrivately,
  postgresUserWhenRoot,
  spawnIdentity,
  type SystemUser,
} from './system-user';

export interface StartPostgresOptions {
  /** the cluster directory (PGDATA); initialised when it holds no PG_VERSION */
  dataDir: string;
  /** a fixed port; by default a free one, and a persistent cluster reuses its remembered port */
  port?: number;
  /** true keeps the data across runs; false is a throwaway test cluster (no fsync, removed on stop) */
  persistent: boolean;
  /** keeps fsync and synchronous_commit on in a throwaway cluster, so commits are durable (benchmarks) */
  durable?: boolean;
  /** run in its own process group so a terminal Ctrl-C reaches only the parent */
  detached?: boolean;
}

export interface PostgresServer {
  /** superuser URL to the `postgres` database, over TCP on 127.0.0.1 */
  url: string;
  /**
   * The same, over the server's Unix socket: a round trip costs a fraction of loopback TCP's, so local
   * processes (tests, the local stack, benchmarks) use this one.
   */
  socketUrl: string;
  /** the directory holding the Unix socket (psql/pgbench `-h`) */
  socketDir: string;
  port: number;
  logFile: string;
  /** what was cleaned up from a previous run, one line each */
  notes: string[];
  /** settles when the server process exits */
  exited: Promise<ExitStatus>;
  /** fast shutdown (SIGINT), waits for exit; removes a throwaway cluster. Idempotent. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const MAX_SOCKET_PATH = 100;

/** Starts a local PostgreSQL server as a child process and waits until it accepts connections. */
export async function startPostgres(options: StartPostgresOptions): Promise<PostgresServer> {
  const dataDir = resolve(options.dataDir);
  try {
    const binaries = await findPostgresBinaries();
    return await startInDir(binaries, postgresUserWhenRoot(), dataDir, options);
  } catch (error) {
    if (!options.persistent) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function startInDir(
  binaries: PostgresBinaries,
  user: SystemUser | undefined,
  dataDir: string,
  options: StartPostgresOptions,
): Promise<PostgresServer> {
  mkdirSync(dirname(dataDir), { recursive: true });
  if (!existsSync(dataDir)) mkdirSync(dataDir, { mode: 0o700 });
  assertReachable(dataDir, user);
  ownPrivately(dataDir, user);
  const notes: string[] = [];
  if (existsSync(join(dataDir, 'PG_VERSION'))) {
    assertSameMajor(dataDir, binaries.major);
    const note = await clearLeftoverServer({
      pidFile: join(dataDir, 'postmaster.pid'),
      command: 'postgres',
      signal: 'SIGINT',
      label: `PostgreSQL in ${dataDir}`,
    });
    if (note) notes.push(note);
  } else {
    await initCluster(binaries, user, dataDir, options.persistent);
  }

  const portFile = options.persistent ? portFileFor(dataDir) : undefined;
  const logFile = join(dataDir, 'postgres.log');
  const durable = options.persistent || options.durable === true;
  for (let attempt = 1; ; attempt += 1) {
    const port = options.port ?? (await choosePort(portFile));
    const socket = socketDirFor(dataDir, port, user);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const logOffset = fileSize(logFile);
    const server = spawnLogged(binaries.postgres, serverArgs(dataDir, port, socket.dir, durable), {
      logFile,
      cwd: dataDir,
      detached: options.detached,
      ...spawnIdentity(user),
    });
    if (!options.persistent) reapWithParent(server.pid, 'SIGINT', [dataDir, ...socket.temporaryDirs]);
    try {
      await waitUntilAccepting(url, server);
    } catch (error) {
      await server.stop('SIGQUIT', 5_000);
      socket.remove();
      const log = readSince(logFile, logOffset);
      if (options.port === undefined && attempt < 3 && lostPortRace(log)) continue;
      throw new Error(
        `PostgreSQL did not start: ${(error as Error).message}\n--- ${logFile} ---\n${lastLines(log, 20)}`,
      );
    }
    if (portFile) rememberPort(portFile, port);
    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> =>
      (stopping ??= server.stop('SIGINT', 20_000).then(() => {
        socket.remove();
        if (!options.persistent) rmSync(dataDir, { recursive: true, force: true });
      }));
    const socketUrl = `postgres://postgres@localhost/postgres?host=${encodeURIComponent(socket.dir)}&port=${port}`;
    return { url, socketUrl, socketDir: socket.dir, port, logFile, notes, exited: server.exited, stop };
  }
}

function serverArgs(dataDir: string, port: number, socketDir: string, durable: boolean): string[] {
  const args = ['-D', dataDir, '-p', String(port), '-k', socketDir, '-c', 'listen_addresses=127.0.0.1'];
  // A throwaway test cluster trades crash safety for speed.
  if (!durable) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  return args;
}

async function initCluster(
  binaries: PostgresBinaries,
  user: SystemUser | undefined,
  dataDir: string,
  persistent: boolean,
): Promise<void> {
  if (readdirSync(dataDir).length > 0) {
    throw new DevstackError(
      `${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION): remove it`,
    );
  }
  const args = ['-D', dataDir, '--auth=trust', '-U', 'postgres', '--encoding=UTF8', '--locale=C'];
  if (!persistent) args.push('--no-sync');
  const result = await runCommand(binaries.initdb, args, {
    cwd: dataDir,
    env: { ...process.env, LANG: 'C', LC_ALL: 'C' },
    ...spawnIdentity(user),
  });
  if (result.code !== 0) {
    throw new Error(`initdb failed for ${dataDir} (exit code ${result.code}):\n${result.output.trimEnd()}`);
  }
}

function assertSameMajor(dataDir: string, major: number): void {
  const clusterMajor = Number(readFileSync(join(dataDir, 'PG_VERSION'), 'utf8').trim());
  if (clusterMajor !== major) {
    throw new DevstackError(
      `${dataDir} holds a PostgreSQL ${clusterMajor} cluster but the server found is PostgreSQL ${major}: remove the directory to start afresh`,
    );
  }
}

/** The Unix socket goes inside the data dir unless that path is too long for a socket address. */
function socketDirFor(
  dataDir: string,
  port: number,
  user: SystemUser | undefined,
): { dir: string; temporaryDirs: string[]; remove: () => void } {
  if (join(dataDir, `.s.PGSQL.${port}`).length <= MAX_SOCKET_PATH) {
    return { dir: dataDir, temporaryDirs: [], remove: () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'carryover-pgsock-'));
  ownPrivately(dir, user);
  return { dir, temporaryDirs: [dir], remove: () => rmSync(dir, { recursive: true, force: true }) };
}

async function waitUntilAccepting(url: string, server: ServerProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = 'no attempt made';
  while (Date.now() < deadline) {
    if (server.hasExited()) {
      const status = await server.exited;
      throw new Error(
        status.error?.message ?? `the server exited (code ${status.code}, signal ${status.signal})`,
      );
    }
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      lastError = (error as Error).message;
    } finally {
      await client.end().catch(() => {});
    }
    await sleep(100);
  }
  throw new Error(
    `it did not accept connections within ${READY_TIMEOUT_MS / 1000}s (last error: ${lastError})`,
  );
}
