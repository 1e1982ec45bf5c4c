// Start-up of the API: from spawning the process to its first 200 from GET /health, and its memory then.
// - Runs the built API as `npm run start:api` does: `node dist/apps/api/src/main.js` (not ts-node, whose
//   compilation would dominate the figure). When dist/apps/api/src/main.js is missing, or with `--build`,
//   the server code is built first (`tsc -p tsconfig.build.json` and `tsc-alias`, not the web apps); when it
//   is older than the sources it is used as it is, with a warning.
// - PostgreSQL (durable) and Redis are up and the database migrated before the first spawn (bench-stack):
//   the figure is the API's own start-up, not the database's.
// - Each run spawns a fresh process on a free port with the production environment, polls /health every
//   10 ms over loopback until it answers 200, reads VmRSS from /proc/<pid>/status (the memory figure), then
//   stops it with SIGTERM. RUNS runs; median and max.
// - Reference in the same run: spawning `node -e ''` until it exits, the floor of any Node process.
// `--smoke` (or BENCH_SMOKE=1): 2 runs instead of 5.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { findFreePort } from '../../libs/devstack/src';
import {
  API_MAIN,
  apiEnvironment,
  ensureApiBuilt,
  exited,
  healthStatus,
  memoryMb,
  stopProcess,
} from '../built-api';
import { fmt, quantile, startBenchStack, stopOnSignals, type BenchStack } from '../market/bench-stack';
import { isSmoke, recordResult } from '../results';

const SMOKE = isSmoke();
const RUNS = SMOKE ? 2 : 5;
const ROOT = resolve(__dirname, '../..');
const POLL_MS = 10;
const READY_LIMIT_MS = 60_000;
/** Issue #9: ready in under 3 s after the database is up; issue #9 (scale): the API under 300 MB. */
const TARGET = { readyMs: 3_000, rssMb: 300 };

interface StartRun {
  readyMs: number;
  rssMb: number;
  peakRssMb: number;
}

async function startOnce(stack: BenchStack): Promise<StartRun> {
  const port = await findFreePort();
  const env = apiEnvironment(stack, port, randomBytes(36).toString('base64url'));
  const started = performance.now();
  const child = spawn(process.execPath, [API_MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `the API exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`,
        );
      }
      if ((await healthStatus(port)) === 200) break;
      if (performance.now() - started > READY_LIMIT_MS) {
        throw new Error(`the API was not ready within ${READY_LIMIT_MS / 1000} s:\n${output}`);
      }
      await new Promise((wake) => setTimeout(wake, POLL_MS));
    }
    const readyMs = performance.now() - started;
    const memory = memoryMb(child.pid as number);
    return { readyMs, rssMb: memory.rss, peakRssMb: memory.peak };
  } finally {
    await stopProcess(child);
  }
}

/** Spawn of `node -e ''` until it exits: what any Node process costs before its own code runs. */
async function bareNodeMs(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await exited(child);
  return performance.now() - started;
}

async function main(): Promise<void> {
  ensureApiBuilt();
  const stack = await startBenchStack({ durable: true });
  const unhook = stopOnSignals(stack.stop);
  try {
    const admin = new Client({ connectionString: stack.databaseUrl });
    await admin.connect();
    const { rows } = await admin.query(`SELECT current_setting('server_version') AS version`);
    await admin.end();
    console.log(
      `Carryover API start-up — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ` +
        `PostgreSQL ${(rows[0] as { version: string }).version}; load average ${fmt(loadavg()[0], 2)}`,
    );
    console.log(
      `node dist/apps/api/src/main.js, PostgreSQL and Redis up and migrated; spawn → first 200 from /health, ` +
        `polled every ${POLL_MS} ms; ${RUNS} runs${SMOKE ? ' (smoke run)' : ''}\n`,
    );
    await healthStatus(1); // loads the HTTP client before the first timed run
    const bare: number[] = [];
    const runs: StartRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(await bareNodeMs());
      const run = await startOnce(stack);
      runs.push(run);
      console.log(
        `run ${i + 1}: ready in ${fmt(run.readyMs, 0)} ms; RSS ${fmt(run.rssMb, 1)} MB (peak ${fmt(run.peakRssMb, 1)} MB);` +
          ` node -e '' ${fmt(bare[i], 0)} ms`,
      );
    }
    const ready = Float64Array.from(runs.map((run) => run.readyMs)).sort();
    const rss = Float64Array.from(runs.map((run) => run.rssMb)).sort();
    const bareSorted = Float64Array.from(bare).sort();
    const [readyMedian, readyMax] = [quantile(ready, 0.5), ready[ready.length - 1]];
    const bareMedian = quantile(bareSorted, 0.5);
    const [rssMedian, rssMax] = [quantile(rss, 0.5), rss[rss.length - 1]];
    console.log(
      `\nready: median ${fmt(readyMedian, 0)} ms, max ${fmt(readyMax, 0)} ms (target < ${TARGET.readyMs} ms); ` +
        `node -e '' median ${fmt(bareMedian, 0)} ms`,
    );
    console.log(
      `RSS after start: median ${fmt(rssMedian, 1)} MB, max ${fmt(rssMax, 1)} MB (target < ${TARGET.rssMb} MB)`,
    );
    const reference = `node -e '' spawn to exit, median`;
    recordResult({
      benchmark: 'startup',
      figure: `spawn to /health 200, median of ${RUNS}`,
      value: readyMedian,
      unit: 'ms',
      reference,
      referenceValue: bareMedian,
      target: `< ${TARGET.readyMs} ms`,
      met: readyMedian < TARGET.readyMs,
    });
    recordResult({
      benchmark: 'startup',
      figure: `spawn to /health 200, max of ${RUNS}`,
      value: readyMax,
      unit: 'ms',
      reference,
      referenceValue: bareMedian,
      target: `< ${TARGET.readyMs} ms`,
      met: readyMax < TARGET.readyMs,
    });
    recordResult({
      benchmark: 'startup',
      figure: `API RSS after start, max of ${RUNS}`,
      value: rssMax,
      unit: 'MB',
      target: `< ${TARGET.rssMb} MB`,
      met: rssMax < TARGET.rssMb,
    });
  } finally {
    unhook();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
