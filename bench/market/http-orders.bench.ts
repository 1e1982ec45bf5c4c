// Buy orders over HTTP against the real API on a durable Postgres, next to pgbench's TPC-B on the same server.
// - Each order is an IOC that fills against one resting listing: one transaction with the market lock, the
//   candidate query, compliance, a trade, lot/listing/order updates, a compliance record and audit events.
// - 16 clients run in a worker thread (their own event loop), so the API's event loop serves only requests;
//   they use node:http with keep-alive sockets, the cheapest client Node has, as they share the cores.
// - One market serialises every order on its advisory lock; ten markets show what runs in parallel.
// - Then the same 16-client phases on 1 and on all markets with two API processes on the same database: the
//   built server (`node dist/apps/api/src/main.js`, built first when missing or with `--build`) spawned twice
//   with one JWT secret, the in-process API closed, and the clients taking the two servers in turn (client i
//   sends to server i mod 2). Their CPU comes from /proc: one API process can use at most one core.
// - pgbench (TPC-B, scale 10, -c 16 -j 2 -T 20) runs afterwards on the same server over the same Unix
//   socket, in its own database,
//   with the API closed: the ratio says what an order costs next to a small standard durable transaction.
// `--smoke` (or BENCH_SMOKE=1): 2 markets, 1-2 s phases, pgbench scale 1 for 2 s; the figures mean nothing.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Client } from 'pg';
import { createDatabase } from '../../libs/devstack/src';
import { cpuSeconds, ensureApiBuilt, spawnApi, type SpawnedApi } from '../built-api';
import { isSmoke, recordResult } from '../results';
import {
  call,
  createBenchProvider,
  fmt,
  kycVerifiedFirm,
  quantile,
  signInOperator,
  startBenchApi,
  startBenchStack,
  guardRun,
  verifiedLot,
  type Auth,
  type BenchApi,
  type BenchStack,
} from './bench-stack';

const SMOKE = isSmoke();
const CLIENTS = 16;
const PHASE_MS = SMOKE ? 2_000 : 20_000;
const SOLO_PHASE_MS = SMOKE ? 1_000 : 5_000;
const PHASE_MAX_ORDERS = 20_000;
const WARMUP_ORDERS = SMOKE ? 20 : 300;
const MARKETS = SMOKE ? 2 : 10;
const LOTS_PER_MARKET = SMOKE ? 1 : 3;
const LISTINGS_PER_LOT = SMOKE ? 2 : 10;
const LOT_FACE_VALUE_MINOR = 1_000_000;
const ORDER_QUANTITY_MINOR = 100;
const PGBENCH = { scale: SMOKE ? 1 : 10, clients: 16, threads: 2, seconds: SMOKE ? 2 : 20 };
/** Targets of issue #9: orders/s as a fraction of pgbench TPS, and the p99 of an order. */
const TARGET = { oneMarket: 0.3, manyMarkets: 0.5, p99Ms: 50 };
/** The whole run stops, servers included, if it has not finished by then. */
const RUN_LIMIT_MS = 10 * 60_000;

interface PhaseResult {
  orders: number;
  trades: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
  latenciesMs: number[];
}

// Plain JavaScript for the worker thread: node:http with a keep-alive agent, one socket per client. Not
// fetch: undici's fetch costs about three times the CPU per request, taken from the two cores the API and
// Postgres share with it.
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { urls, authorization, markets, clients, maxOrders, durationMs, body } = workerData;
const targets = urls.map((url) => new URL(url));
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const latenciesMs = [];
let issued = 0, trades = 0, errors = 0, firstError;
const started = performance.now();
function post(target, payload) {
  return new Promise((resolve, reject) => {
    const request = http.request({
      agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode, text }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(payload);
  });
}
async function client(_, c) {
  const target = targets[c % targets.length];
  for (;;) {
    const i = issued++;
    if (i >= maxOrders || performance.now() - started >= durationMs) return;
    const payload = JSON.stringify({ ...body, providerCode: markets[i % markets.length] });
    const t0 = performance.now();
    const { status, text } = await post(target, payload);
    latenciesMs.push(performance.now() - t0);
    if (status === 201) trades += JSON.parse(text).trades.length;
    else if (errors++ === 0) firstError = status + ' ' + text.slice(0, 300);
  }
}
Promise.all(Array.from({ length: clients }, client)).then(() => {
  agent.destroy();
  parentPort.postMessage({
    orders: latenciesMs.length, trades, errors, firstError,
    elapsedMs: performance.now() - started, latenciesMs,
  });
}, (error) => { throw error; });
`;

/** `servers`: base URLs of the API processes; client i sends its orders to server i mod their number. */
function runPhase(
  servers: string[],
  buyer: Auth,
  markets: string[],
  limits: { clients: number; maxOrders: number; durationMs: number },
): Promise<PhaseResult> {
  const worker = new Worker(LOAD_WORKER, {
    eval: true,
    workerData: {
      urls: servers.map((baseUrl) => `${baseUrl}/v1/orders`),
      authorization: buyer.Authorization,
      markets,
      ...limits,
      body: {
        currency: 'USD',
        quantityMinor: ORDER_QUANTITY_MINOR,
        maxPriceBps: 9000,
        timeInForce: 'IOC',
      },
    },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: PhaseResult) => {
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', reject);
  });
}

async function seedMarkets(api: BenchApi): Promise<{ markets: string[]; buyer: Auth }> {
  const operator = await signInOperator(api);
  const seller = await kycVerifiedFirm(api, operator, 'seller');
  const buyer = await kycVerifiedFirm(api, operator, 'buyer');
  const markets = Array.from({ length: MARKETS }, (_, i) => `bench-${i + 1}`);
  for (const code of markets) {
    await createBenchProvider(api.db, code);
    for (let lot = 0; lot < LOTS_PER_MARKET; lot++) {
      const lotId = await verifiedLot(api, operator, seller.auth, code, LOT_FACE_VALUE_MINOR);
      for (let listing = 0; listing < LISTINGS_PER_LOT; listing++) {
        await call(api, 'POST', '/v1/listings', {
          auth: seller.auth,
          body: {
            creditLotId: lotId,
            quantityMinor: LOT_FACE_VALUE_MINOR / LISTINGS_PER_LOT,
            priceBps: 7000 + listing * 10,
          },
        });
      }
    }
  }
  return { markets, buyer: buyer.auth };
}

interface DbCounters {
  commits: number;
  walBytes: number;
}

async function dbCounters(db: {
  query(sql: string): Promise<Array<{ commits: number; wal: number }>>;
}): Promise<DbCounters> {
  const [row] = await db.query(
    `SELECT xact_commit::float8 AS commits, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 AS wal
       FROM pg_stat_database WHERE datname = current_database()`,
  );
  return { commits: row.commits, walBytes: row.wal };
}

/** `apiLoad`: how busy the API was, in words (its event loop, or the processes' CPU). */
function report(
  label: string,
  result: PhaseResult,
  db: { before: DbCounters; after: DbCounters },
  apiLoad: string,
): { rate: number; p99Ms: number } {
  const sorted = Float64Array.from(result.latenciesMs).sort();
  const rate = result.orders / (result.elapsedMs / 1000);
  console.log(label);
  console.log(
    `  ${result.orders} orders in ${fmt(result.elapsedMs / 1000)} s: ${fmt(rate)} orders/s; ` +
      `latency p50 ${fmt(quantile(sorted, 0.5), 2)} ms, p99 ${fmt(quantile(sorted, 0.99), 2)} ms, ` +
      `max ${fmt(sorted[sorted.length - 1], 2)} ms`,
  );
  console.log(
    `  filled ${result.trades}/${result.orders}, errors ${result.errors}; ` +
      `${fmt((db.after.commits - db.before.commits) / result.orders)} commits and ` +
      `${fmt((db.after.walBytes - db.before.walBytes) / result.orders / 1024)} KiB WAL per order; ` +
      apiLoad +
      (result.firstError ? `\n  first error: ${result.firstError}` : ''),
  );
  return { rate, p99Ms: quantile(sorted, 0.99) };
}

function pgbenchBinary(major: number): string {
  const debian = `/usr/lib/postgresql/${major}/bin/pgbench`;
  return existsSync(debian) ? debian : 'pgbench';
}

function run(binary: string, args: string[], cwd: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${binary} ${args.join(' ')} exited ${code ?? signal}:\n${output.slice(-2000)}`));
    });
  });
}

/** TPC-B on a database of its own on the same server; TPS and per-transaction latency from its log. */
async function runPgbench(stack: BenchStack, major: number): Promise<{ tps: number; sorted: Float64Array }> {
  await createDatabase(stack.postgres.socketUrl, 'pgbench');
  // The Unix socket, as the API uses it.
  const connection = ['-h', stack.postgres.socketDir, '-p', String(stack.postgres.port), '-U', 'postgres'];
  const binary = pgbenchBinary(major);
  const logDir = mkdtempSync(join(tmpdir(), 'carryover-pgbench-'));
  try {
    await run(binary, ['-i', '-q', '-s', String(PGBENCH.scale), ...connection, 'pgbench'], logDir, 180_000);
    const { clients, threads, seconds } = PGBENCH;
    const args = ['-c', String(clients), '-j', String(threads), '-T', String(seconds), '-l', ...connection];
    const output = await run(binary, [...args, 'pgbench'], logDir, (seconds + 60) * 1000);
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1] ?? NaN);
    // Log lines: client_id transaction_no latency_us script_no epoch_s epoch_us
    const latencies: number[] = [];
    for (const file of readdirSync(logDir).filter((name) => name.startsWith('pgbench_log.'))) {
      for (const line of readFileSync(join(logDir, file), 'utf8').split('\n')) {
        const us = Number(line.split(' ')[2]);
        if (Number.isFinite(us)) latencies.push(us / 1000);
      }
    }
    return { tps, sorted: Float64Array.from(latencies).sort() };
  } finally {
    rmSync(logDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  ensureApiBuilt();
  const stack = await startBenchStack({ durable: true });
  let servers: SpawnedApi[] = [];
  const stopAll = async (): Promise<void> => {
    await Promise.allSettled(servers.map((server) => server.stop()));
    await stack.stop();
  };
  const unhook = guardRun(stopAll, RUN_LIMIT_MS);
  let api: BenchApi | undefined;
  try {
    const admin = new Client({ connectionString: stack.databaseUrl });
    await admin.connect();
    const settings = await admin.query(
      `SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync,
              current_setting('synchronous_commit') AS sync, current_setting('server_version_num')::int / 10000 AS major`,
    );
    await admin.end();
    const pg = settings.rows[0] as { version: string; fsync: string; sync: string; major: number };
    console.log(
      `Carryover HTTP buy orders vs pgbench — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    );
    console.log(
      `PostgreSQL ${pg.version} over its Unix socket (API and pgbench alike): fsync=${pg.fsync}, synchronous_commit=${pg.sync}; API pool 10 (default)`,
    );

    // One JWT secret for the in-process API and the two spawned ones, so the buyer's token works on all.
    const jwtSecret = randomBytes(36).toString('base64url');
    const live = await startBenchApi(stack, { jwtSecret });
    api = live;
    const seedStart = Date.now();
    const { markets, buyer } = await seedMarkets(live);
    console.log(
      `seeded over HTTP in ${fmt((Date.now() - seedStart) / 1000)} s: ${MARKETS} markets × ${LOTS_PER_MARKET} lots × ` +
        `${LISTINGS_PER_LOT} listings; each order: IOC ${ORDER_QUANTITY_MINOR} minor at max 9000 bps, fills one listing`,
    );
    console.log(
      `each phase runs until ${PHASE_MAX_ORDERS} orders or ${PHASE_MS / 1000} s (the 1-client phase ` +
        `${SOLO_PHASE_MS / 1000} s), after ${WARMUP_ORDERS} warm-up orders; load average ${fmt(loadavg()[0], 2)}\n`,
    );
    const warmup = { clients: CLIENTS, maxOrders: WARMUP_ORDERS, durationMs: PHASE_MS };
    await runPhase([live.baseUrl], buyer, markets.slice(0, 1), warmup);

    const phase = async (label: string, clients: number, inMarkets: string[], durationMs: number) => {
      const before = await dbCounters(live.db);
      const loop = performance.eventLoopUtilization();
      const result = await runPhase([live.baseUrl], buyer, inMarkets, {
        clients,
        maxOrders: PHASE_MAX_ORDERS,
        durationMs,
      });
      const busy = performance.eventLoopUtilization(loop).utilization;
      const load = `API event loop busy ${fmt(busy * 100, 0)}%`;
      return report(label, result, { before, after: await dbCounters(live.db) }, load);
    };
    // Without contention: the service time of one order, the floor under every latency below.
    await phase('1 client, 1 market', 1, markets.slice(0, 1), SOLO_PHASE_MS);
    const one = await phase(`${CLIENTS} clients, 1 market`, CLIENTS, markets.slice(0, 1), PHASE_MS);
    const ten = await phase(`${CLIENTS} clients, ${MARKETS} markets`, CLIENTS, markets, PHASE_MS);
    const [oneRate, tenRate] = [one.rate, ten.rate];
    await live.close();
    api = undefined;

    const two = await twoProcessPhases(stack, jwtSecret, buyer, markets, (spawned) => (servers = spawned));
    servers = [];

    console.log(
      `\npgbench TPC-B, scale ${PGBENCH.scale}, -c ${PGBENCH.clients} -j ${PGBENCH.threads} -T ${PGBENCH.seconds}, same server:`,
    );
    const bench = await runPgbench(stack, pg.major);
    console.log(
      `  ${bench.sorted.length} transactions: ${fmt(bench.tps)} TPS; ` +
        `latency p50 ${fmt(quantile(bench.sorted, 0.5), 2)} ms, p99 ${fmt(quantile(bench.sorted, 0.99), 2)} ms`,
    );
    console.log('\norders/s as a fraction of pgbench TPS:');
    console.log(`  ${CLIENTS} clients, 1 market:   ${fmt(oneRate / bench.tps, 4)}`);
    console.log(`  ${CLIENTS} clients, ${MARKETS} markets: ${fmt(tenRate / bench.tps, 4)}`);
    console.log(`  ${MARKETS} markets vs 1 market: ×${fmt(tenRate / oneRate, 2)}`);
    console.log(`  ${CLIENTS} clients, 1 market, 2 API processes:   ${fmt(two.one.rate / bench.tps, 4)}`);
    console.log(
      `  ${CLIENTS} clients, ${MARKETS} markets, 2 API processes: ${fmt(two.ten.rate / bench.tps, 4)}`,
    );
    console.log(
      `  2 API processes vs 1: ×${fmt(two.one.rate / oneRate, 2)} (1 market), ` +
        `×${fmt(two.ten.rate / tenRate, 2)} (${MARKETS} markets)`,
    );
    console.log(`load average at end ${fmt(loadavg()[0], 2)}`);

    const pgbenchTps = `pgbench TPC-B TPS, -c ${PGBENCH.clients}`;
    const pgbenchP99 = quantile(bench.sorted, 0.99);
    for (const [label, figures, fraction] of [
      ['1 market', one, TARGET.oneMarket],
      [`${MARKETS} markets`, ten, TARGET.manyMarkets],
      ['1 market, 2 API processes', two.one, TARGET.oneMarket],
      [`${MARKETS} markets, 2 API processes`, two.ten, TARGET.manyMarkets],
    ] as const) {
      recordResult({
        benchmark: 'http',
        figure: `orders/s, ${CLIENTS} clients, ${label}`,
        value: figures.rate,
        unit: 'orders/s',
        reference: pgbenchTps,
        referenceValue: bench.tps,
        target: `ratio >= ${fraction}`,
        met: figures.rate / bench.tps >= fraction,
      });
      recordResult({
        benchmark: 'http',
        figure: `p99 per order, ${CLIENTS} clients, ${label}`,
        value: figures.p99Ms,
        unit: 'ms',
        reference: 'pgbench TPC-B p99',
        referenceValue: pgbenchP99,
        target: `< ${TARGET.p99Ms} ms`,
        met: figures.p99Ms < TARGET.p99Ms,
      });
    }
  } finally {
    await api?.close().catch(() => {});
    await stopAll();
    unhook();
  }
}

/**
 * The 16-client phases on 1 market and on all of them, spread over two spawned API processes on the same
 * database; the processes are stopped afterwards. `started` hears of them at once, so an interrupted run
 * stops them too.
 */
async function twoProcessPhases(
  stack: BenchStack,
  jwtSecret: string,
  buyer: Auth,
  markets: string[],
  started: (servers: SpawnedApi[]) => void,
): Promise<{ one: { rate: number; p99Ms: number }; ten: { rate: number; p99Ms: number } }> {
  const servers = await Promise.all([spawnApi(stack, jwtSecret), spawnApi(stack, jwtSecret)]);
  started(servers);
  const counters = new Client({ connectionString: stack.databaseUrl });
  await counters.connect();
  const db = { query: async (sql: string) => (await counters.query(sql)).rows };
  try {
    const urls = servers.map((server) => server.baseUrl);
    console.log(
      `
two API processes (node dist/apps/api/src/main.js, pids ${servers.map((s) => s.pid).join(' and ')}), ` +
        `one database; client i sends to process i mod 2; ${WARMUP_ORDERS} warm-up orders`,
    );
    await runPhase(urls, buyer, markets.slice(0, 1), {
      clients: CLIENTS,
      maxOrders: WARMUP_ORDERS,
      durationMs: PHASE_MS,
    });
    const phase = async (label: string, inMarkets: string[]) => {
      const before = await dbCounters(db);
      const cpuBefore = servers.map((server) => cpuSeconds(server.pid));
      const result = await runPhase(urls, buyer, inMarkets, {
        clients: CLIENTS,
        maxOrders: PHASE_MAX_ORDERS,
        durationMs: PHASE_MS,
      });
      const cpu = servers.map((server, i) => (cpuSeconds(server.pid) - (cpuBefore[i] as number)) * 1000);
      const load = `API processes' CPU ${cpu.map((ms) => `${fmt((ms / result.elapsedMs) * 100, 0)}%`).join(' + ')} of a core`;
      return report(label, result, { before, after: await dbCounters(db) }, load);
    };
    const one = await phase(`${CLIENTS} clients, 1 market, 2 API processes`, markets.slice(0, 1));
    const ten = await phase(`${CLIENTS} clients, ${MARKETS} markets, 2 API processes`, markets);
    return { one, ten };
  } finally {
    await counters.end();
    await Promise.allSettled(servers.map((server) => server.stop()));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
