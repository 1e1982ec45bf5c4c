// The built API server as `npm run start:api` runs it (with its flags from package.json), for the
// benchmarks that spawn it: building the server code when it is missing (or with `--build`), its production
// environment, waiting for its first 200 from GET /health, its memory and CPU time from /proc, and stopping it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort } from '../libs/devstack/src';
import { reapWithParent } from '../libs/devstack/src/reaper';
import type { BenchStack } from './market/bench-stack';

const ROOT = resolve(__dirname, '..');
export const API_MAIN = join(ROOT, 'dist/apps/api/src/main.js');
/** The node flags `npm run start:api` gives the server (its heap budget), read from package.json. */
const START_FLAGS: string[] = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts['start:api']!.split(/\s+/).filter((word) => word.startsWith('--'));
const READY_LIMIT_MS = 60_000;

/** Newest modification time of the TypeScript sources the API is built from (specs left out). */
function newestSourceMs(): number {
  let newest = 0;
  const libs = readdirSync(join(ROOT, 'libs')).map((lib) => join('libs', lib, 'src'));
  for (const dir of ['apps/api/src', 'migrations', ...libs].map((d) => join(ROOT, d))) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir, { recursive: true }) as string[]) {
      if (!name.endsWith('.ts') || name.endsWith('.spec.ts')) continue;
      newest = Math.max(newest, statSync(join(dir, name)).mtimeMs);
    }
  }
  return newest;
}

/** Builds the server code (not the web apps) when dist/ lacks it or `--build` is given; warns when stale. */
export function ensureApiBuilt(): void {
  if (!existsSync(API_MAIN) || process.argv.includes('--build')) {
    console.log('building the server code: tsc -p tsconfig.build.json && tsc-alias -p tsconfig.build.json');
    for (const tool of ['tsc', 'tsc-alias']) {
      execFileSync('npx', ['--no-install', tool, '-p', 'tsconfig.build.json'], {
        cwd: ROOT,
        stdio: 'inherit',
      });
    }
  } else if (statSync(API_MAIN).mtimeMs < newestSourceMs()) {
    console.log('warning: dist/ is older than the sources; run with --build (or npm run build) to rebuild');
  }
}

/**
 * The production environment of a spawned API on `port`; processes given one `jwtSecret` accept each other's
 * tokens. BENCH_API_NODE_OPTIONS, when set, becomes the API's NODE_OPTIONS (and only the API's), e.g. to try
 * `--max-old-space-size=192`.
 */
export function apiEnvironment(stack: BenchStack, port: number, jwtSecret: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: stack.databaseUrl,
    REDIS_URL: stack.redis.url,
    REDIS_KEY_PREFIX: 'carryover-bench',
    JWT_SECRET: jwtSecret,
    LOG_LEVEL: 'info',
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    ...(process.env.BENCH_API_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS } : {}),
  };
}

/** The status of GET /health, or 0 when nothing answers yet. */
export function healthStatus(port: number): Promise<number> {
  return new Promise((done) => {
    const req = request({ host: '127.0.0.1', port, path: '/health', agent: false, timeout: 2_000 }, (res) => {
      res.resume();
      res.once('end', () => done(res.statusCode ?? 0));
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => done(0));
    req.end();
  });
}

export function exited(child: ChildProcess): Promise<void> {
  return new Promise((settle) => {
    if (child.exitCode !== null || child.signalCode !== null) settle();
    else child.once('exit', () => settle());
  });
}

/** SIGTERM, then SIGKILL after 10 s; resolves once the process is gone. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  const gone = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(timer);
}

/** VmRSS and VmHWM (peak) of /proc/<pid>/status, in MB (10^6 bytes). */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: (kb('VmRSS') * 1024) / 1e6, peak: (kb('VmHWM') * 1024) / 1e6 };
}

/** CPU time (user + system) the process has used so far, in seconds, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

export interface SpawnedApi {
  child: ChildProcess;
  pid: number;
  port: number;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** V8's heap of the process now, in MB, from a diagnostic report it writes on SIGPWR. */
  heapMb(): Promise<{ used: number; total: number }>;
  stop(): Promise<void>;
}

/** Spawns the built API on a free port and waits until GET /health answers 200. */
export async function spawnApi(stack: BenchStack, jwtSecret: string): Promise<SpawnedApi> {
  const port = await findFreePort();
  const reports = mkdtempSync(join(tmpdir(), 'carryover-api-report-'));
  // Node's own diagnostic report: heap figures without changing the server. Not on SIGUSR2, its default:
  // Nest's shutdown hooks stop the server on that one.
  const reportFlags = [
    '--report-on-signal',
    '--report-signal=SIGPWR',
    '--report-compact',
    `--report-directory=${reports}`,
  ];
  const child = spawn(process.execPath, [...START_FLAGS, ...reportFlags, API_MAIN], {
    cwd: ROOT,
    env: apiEnvironment(stack, port, jwtSecret),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Stopped with this process even when it is killed before it can stop the server itself.
  reapWithParent(child.pid, 'SIGTERM', []);
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4_000);
  });
  const started = performance.now();
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`the API (pid ${child.pid}) exited with ${code ?? signal}:\n${errors}`);
  });
  const stop = async (): Promise<void> => {
    stopping = true;
    await stopProcess(child);
    rmSync(reports, { recursive: true, force: true });
  };
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(
        `the API exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${errors}`,
      );
    }
    if ((await healthStatus(port)) === 200) break;
    if (performance.now() - started > READY_LIMIT_MS) {
      await stop();
      throw new Error(`the API was not ready within ${READY_LIMIT_MS / 1000} s:\n${errors}`);
    }
    await new Promise((wake) => setTimeout(wake, 20));
  }
  const heapMb = async (): Promise<{ used: number; total: number }> => {
    child.kill('SIGPWR');
    for (let waited = 0; waited < 10_000; waited += 20) {
      await new Promise((wake) => setTimeout(wake, 20));
      const [name] = readdirSync(reports).filter((file) => file.endsWith('.json'));
      if (!name) continue;
      const file = join(reports, name);
      let report: { javascriptHeap: { usedMemory: number; totalMemory: number } };
      try {
        report = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        continue; // still being written
      }
      rmSync(file);
      return { used: report.javascriptHeap.usedMemory / 1e6, total: report.javascriptHeap.totalMemory / 1e6 };
    }
    throw new Error('the API wrote no diagnostic report within 10 s');
  };
  return { child, pid: child.pid as number, port, baseUrl: `http://127.0.0.1:${port}`, heapMb, stop };
}
