import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileSize, lastLines, readSince } from './log-file';
import { spawnLogged, type ExitStatus, type ServerProcess } from './managed-process';
import { choosePort, lostPortRace, portFileFor, rememberPort } from './port-choice';
import { clearLeftoverServer } from './processes';
import { reapWithParent } from './reaper';
import { ensureRedisServer } from './redis-binary';

export interface StartRedisOptions {
  /** where the log (and, when persistent, the append-only file) goes; a temp dir by default */
  dir?: string;
  /** a fixed port; by default a free one, and a persistent server reuses its remembered port */
  port?: number;
  /** true keeps data in `dir` (append-only file); false keeps nothing and removes a temp dir on stop */
  persistent: boolean;
  /** run in its own process group so a terminal Ctrl-C reaches only the parent */
  detached?: boolean;
}

export interface RedisServer {
  url: string;
  port: number;
  logFile: string;
  notes: string[];
  exited: Promise<ExitStatus>;
  /** SIGTERM (clean shutdown), waits for exit. Idempotent. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;

/** Starts redis-server as a child process bound to 127.0.0.1 and waits until it answers PING. */
export async function startRedis(options: StartRedisOptions): Promise<RedisServer> {
  if (options.persistent && !options.dir) throw new Error('a persistent Redis needs a dir');
  const binary = await ensureRedisServer();
  const ownDir = options.dir === undefined;
  const dir = options.dir ? resolve(options.dir) : mkdtempSync(join(tmpdir(), 'carryover-redis-'));
  const removeOwnDir = (): void => {
    if (ownDir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    mkdirSync(dir, { recursive: true });
    const pidFile = join(dir, 'redis.pid');
    const notes: string[] = [];
    const note = await clearLeftoverServer({
      pidFile,
      command: 'redis-server',
      signal: 'SIGTERM',
      label: `Redis in ${dir}`,
    });
    if (note) notes.push(note);
    const portFile = options.persistent ? portFileFor(dir) : undefined;
    const logFile = join(dir, 'redis.log');
    for (let attempt = 1; ; attempt += 1) {
      const port = options.port ?? (await choosePort(portFile));
      const logOffset = fileSize(logFile);
      const server = spawnLogged(binary, serverArgs(dir, port, pidFile, options.persistent), {
        logFile,
        cwd: dir,
        detached: options.detached,
      });
      if (!options.persistent) reapWithParent(server.pid, 'SIGTERM', ownDir ? [dir] : []);
      try {
        await waitForPong(port, server);
      } catch (error) {
        await server.stop('SIGKILL', 5_000);
        const log = readSince(logFile, logOffset);
        if (options.port === undefined && attempt < 3 && lostPortRace(log)) continue;
        throw new Error(
          `Redis did not start: ${(error as Error).message}\n--- ${logFile} ---\n${lastLines(log, 20)}`,
        );
      }
      if (portFile) rememberPort(portFile, port);
      let stopping: Promise<void> | undefined;
      const stop = (): Promise<void> => (stopping ??= server.stop('SIGTERM', 15_000).then(removeOwnDir));
      return { url: `redis://127.0.0.1:${port}`, port, logFile, notes, exited: server.exited, stop };
    }
  } catch (error) {
    removeOwnDir();
    throw error;
  }
}

function serverArgs(dir: string, port: number, pidFile: string, persistent: boolean): string[] {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--daemonize', 'no', '--pidfile', pidFile];
  args.push('--dir', dir);
  if (persistent) args.push('--appendonly', 'yes');
  else args.push('--save', '', '--appendonly', 'no');
  return args;
}

async function waitForPong(port: number, server: ServerProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no attempt made';
  while (Date.now() < deadline) {
    if (server.hasExited()) {
      const status = await server.exited;
      throw new Error(
        status.error?.message ?? `the server exited (code ${status.code}, signal ${status.signal})`,
      );
    }
    last = await ping(port);
    if (last.startsWith('+PONG')) return;
    await sleep(100);
  }
  throw new Error(`it did not answer PING within ${READY_TIMEOUT_MS / 1000}s (last reply: ${last.trim()})`);
}

/** One PING over a raw socket: the reply line, or the connection error. */
function ping(port: number): Promise<string> {
  return new Promise((resolvePing) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const done = (reply: string): void => {
      socket.destroy();
      resolvePing(reply);
    };
    socket.setTimeout(1_000, () => done('timeout'));
    socket.once('error', (error) => done(error.message));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString('utf8')));
  });
}
