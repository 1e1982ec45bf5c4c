// Scale (issue #9): the book query and order placement over HTTP, and the API's memory, as one market's resting
// listings grow 1,000 → 10,000 → 100,000 → 1,000,000 on one durable PostgreSQL (fsync and synchronous_commit on).
// - Sellers, lots, one template listing per lot and 20 resting bids are created through the API; the listings
//   then grow with set-based SQL through the book_levels triggers (scale-book.ts), over 3,000 prices; after
//   each step the tables are VACUUM ANALYZEd and a CHECKPOINT flushes what the growth wrote, so that its
//   writes are not paid for during the measurements. At each size the book endpoint is checked against the
//   listings' aggregate, every maintained level against its aggregate, and the lots' listed amounts.
// - The API measured is the built server as production runs it (`node dist/apps/api/src/main.js`, built first
//   when missing or with `--build`), spawned once and kept for every size; seeding goes through an API in
//   this process with the same JWT secret, idle while the other is measured.
// - Measured at each size over loopback HTTP from a separate client process (its work shows neither in the
//   API's event loop nor in its memory): GET /v1/markets/:code/book in sequence; POST /v1/orders, IOC buy
//   orders of 100 minor at max 9000 bps, each filling against the cheapest resting listing, from 1 client in
//   sequence and then from 4 at once. A listing holds 10,000..100,000 minor, so only a few fill up per size,
//   and the next growth step tops the book up again. One such round runs first on the template listings
//   alone and is not counted, so that the first size is not also the API's warm-up.
// - Memory of the spawned API after each size: VmRSS from /proc/<pid>/status, V8's heap in use from a
//   diagnostic report (on SIGPWR), and at the end the peak RSS (VmHWM) over the whole run, the target's figure.
//   (An API inside this process would carry ts-node and the benchmark, about 330 MB before it starts.)
//   BENCH_API_NODE_OPTIONS sets the measured API's NODE_OPTIONS, e.g. to try a heap limit.
// - At the largest size: EXPLAIN (ANALYZE, BUFFERS) of the book query and of the matcher's candidate query.
// `--smoke` (or BENCH_SMOKE=1): 100 and 1,000 listings, 30-40 samples per figure; the figures mean nothing.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { BOOK_QUERY } from '@carryover/market';
import { ensureApiBuilt, memoryMb, spawnApi, type SpawnedApi } from '../built-api';
import { isSmoke, recordResult } from '../results';
import {
  fmt,
  quantile,
  startBenchApi,
  startBenchStack,
  guardRun,
  type Auth,
  type BenchApi,
} from './bench-stack';
import { CANDIDATE_QUERY, checkConsistency, growTo, MARKET, PRICES, seedScaleMarket } from './scale-book';

const SMOKE = isSmoke();
const SIZES = SMOKE ? [100, 1_000] : [1_000, 10_000, 100_000, 1_000_000];
const BOOK = {
  clients: 1,
  warmup: SMOKE ? 3 : 20,
  samples: SMOKE ? 30 : 300,
  budgetMs: SMOKE ? 5_000 : 30_000,
};
const SOLO = {
  clients: 1,
  warmup: SMOKE ? 3 : 20,
  samples: SMOKE ? 30 : 300,
  budgetMs: SMOKE ? 5_000 : 60_000,
};
const CONCURRENT = { clients: 4, warmup: 0, samples: SMOKE ? 40 : 400, budgetMs: SMOKE ? 5_000 : 60_000 };
const ORDER = { quantityMinor: 100, maxPriceBps: 9000, timeInForce: 'IOC' };
/** Issue #9: p99 growing less than 3x from 1,000 to 1,000,000 listings; the API process under 300 MB. */
const TARGET = { growth: 3, rssMb: 300 };
const RUN_LIMIT_MS = (SMOKE ? 5 : 45) * 60_000;

interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  expect: number;
  clients: number;
  warmup: number;
  samples: number;
  budgetMs: number;
}

interface LoadResult {
  latenciesMs: number[];
  errors: number;
  firstError?: string;
  trades: number;
  elapsedMs: number;
}

// Plain JavaScript for the client process: the spec on stdin, the result as JSON on stdout; fetch from
// Node's undici with keep-alive sockets.
const LOAD_SCRIPT = `
const input = [];
process.stdin.on('data', (chunk) => input.push(chunk));
process.stdin.on('end', async () => {
  const { url, method, headers, body, expect, clients, warmup, samples, budgetMs } =
    JSON.parse(Buffer.concat(input).toString());
  const send = async () => {
    const t0 = performance.now();
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    return { ms: performance.now() - t0, status: response.status, text };
  };
  for (let i = 0; i < warmup; i++) await send();
  const latenciesMs = [];
  let issued = 0, errors = 0, trades = 0, firstError;
  const started = performance.now();
  async function client() {
    while (issued < samples && performance.now() - started < budgetMs) {
      issued++;
      const { ms, status, text } = await send();
      latenciesMs.push(ms);
      if (status !== expect) { if (errors++ === 0) firstError = status + ' ' + text.slice(0, 300); }
      else if (method === 'POST') trades += JSON.parse(text).trades.length;
    }
  }
  await Promise.all(Array.from({ length: clients }, client));
  process.stdout.write(JSON.stringify({ latenciesMs, errors, trades, firstError, elapsedMs: performance.now() - started }));
});
`;

function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', LOAD_SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve(JSON.parse(out) as LoadResult);
      else reject(new Error(`the client process exited with ${code ?? signal}`));
    });
    child.stdin.end(JSON.stringify(spec));
  });
}

interface Figures {
  count: number;
  p50: number;
  p99: number;
  rate: number;
  note: string;
}

function figures(result: LoadResult, orders: boolean): Figures {
  const sorted = Float64Array.from(result.latenciesMs).sort();
  const n = result.latenciesMs.length;
  const notes: string[] = [];
  if (result.errors > 0) notes.push(`${result.errors} errors, first: ${result.firstError}`);
  if (orders && result.trades !== n - result.errors) notes.push(`${result.trades} trades for ${n} orders`);
  return {
    count: n,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    rate: n / (result.elapsedMs / 1000),
    note: notes.join('; '),
  };
}

interface Row {
  size: number;
  book: Figures;
  solo: Figures;
  four: Figures;
  rssMb: number;
  heapMb: number;
}

async function measure(api: SpawnedApi, buyer: Auth): Promise<Pick<Row, 'book' | 'solo' | 'four'>> {
  const headers = { 'content-type': 'application/json', ...buyer };
  const book = await runLoad({
    url: `${api.baseUrl}/v1/markets/${MARKET.providerCode}/book?currency=${MARKET.currency}`,
    method: 'GET',
    headers,
    expect: 200,
    ...BOOK,
  });
  const order = {
    url: `${api.baseUrl}/v1/orders`,
    method: 'POST' as const,
    headers,
    body: JSON.stringify({ ...MARKET, ...ORDER }),
    expect: 201,
  };
  const solo = await runLoad({ ...order, ...SOLO });
  const four = await runLoad({ ...order, ...CONCURRENT });
  return { book: figures(book, false), solo: figures(solo, true), four: figures(four, true) };
}

const count = (n: number): string => n.toLocaleString('en-US');

async function main(): Promise<void> {
  const runStarted = performance.now();
  ensureApiBuilt();
  const stack = await startBenchStack({ durable: true });
  let api: BenchApi | undefined;
  let server: SpawnedApi | undefined;
  const stopAll = async (): Promise<void> => {
    await server?.stop().catch(() => {});
    await api?.close().catch(() => {});
    await stack.stop();
  };
  const unhook = guardRun(stopAll, RUN_LIMIT_MS);
  try {
    // One secret for both APIs, so the buyer's token from seeding works on the measured one.
    const jwtSecret = randomBytes(36).toString('base64url');
    const live = await startBenchApi(stack, { jwtSecret });
    api = live;
    const [pg] = await live.db.query(
      `SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync,
              current_setting('synchronous_commit') AS sync, current_setting('shared_buffers') AS buffers`,
    );
    console.log(
      `Carryover scale — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}; PostgreSQL ` +
        `${pg.version}, fsync=${pg.fsync}, synchronous_commit=${pg.sync}, shared_buffers ${pg.buffers}; ` +
        `load average at start ${fmt(loadavg()[0], 2)}`,
    );
    const largest = SIZES[SIZES.length - 1] as number;
    const market = await seedScaleMarket(live, largest);
    console.log(
      `market ${MARKET.providerCode}/${MARKET.currency}: ${market.sellers} KYC-verified sellers × ` +
        `${market.lots / market.sellers} verified lots, a template listing on each, ${market.bids} resting bids, ` +
        `all through the API; listings added by SQL over ${count(PRICES)} prices`,
    );
    const measured = await spawnApi(stack, jwtSecret);
    server = measured;
    const started = memoryMb(measured.pid);
    console.log(
      `per size: book ${BOOK.samples} GETs in sequence; orders (IOC ${ORDER.quantityMinor} minor at max ` +
        `${ORDER.maxPriceBps} bps) ${SOLO.samples} from 1 client, then ${CONCURRENT.samples} from ` +
        `${CONCURRENT.clients} clients at once; measured API: node dist/apps/api/src/main.js, pid ` +
        `${measured.pid}, RSS ${fmt(started.rss, 1)} MB when ready` +
        (process.env.BENCH_API_NODE_OPTIONS ? `, NODE_OPTIONS=${process.env.BENCH_API_NODE_OPTIONS}` : '') +
        '\n',
    );
    await measure(measured, market.buyer);

    const rows: Row[] = [];
    for (const size of SIZES) {
      const t0 = performance.now();
      const added = await growTo(live, market, size);
      const t1 = performance.now();
      await live.db.query('VACUUM ANALYZE listings, compliance_results, credit_lots, book_levels');
      await live.db.query('CHECKPOINT');
      const t2 = performance.now();
      const consistent = await checkConsistency(live, market, size);
      console.log(
        `${count(size)} listings: added ${count(added)} in ${fmt((t1 - t0) / 1000)} s ` +
          `(${count(Math.round(added / ((t1 - t0) / 1000)))}/s), VACUUM ANALYZE and CHECKPOINT ` +
          `${fmt((t2 - t1) / 1000)} s; ${consistent}`,
      );
      const walBefore = await walPosition(live);
      const figures = await measure(measured, market.buyer);
      const orders = figures.solo.count + figures.four.count;
      const walPerOrder = ((await walPosition(live)) - walBefore) / orders;
      console.log(`  ${fmt(walPerOrder / 1024)} KiB WAL per order (the book GETs write none)`);
      const heap = await measured.heapMb();
      rows.push({ size, ...figures, rssMb: memoryMb(measured.pid).rss, heapMb: heap.used });
      for (const [label, f] of [
        ['book', figures.book],
        ['orders, 1 client', figures.solo],
        ['orders, 4 clients', figures.four],
      ] as const) {
        if (f.note) console.log(`  ${label}: ${f.note}`);
      }
    }

    console.log(`\nEXPLAIN (ANALYZE, BUFFERS) at ${count(largest)} listings, book query:`);
    console.log(await explain(live, BOOK_QUERY, [MARKET.providerCode, MARKET.currency, new Date()]));
    console.log(
      `\nEXPLAIN (ANALYZE, BUFFERS) at ${count(largest)} listings, candidate query of a buy order:`,
    );
    console.log(
      await explain(live, CANDIDATE_QUERY, [
        MARKET.providerCode,
        MARKET.currency,
        ORDER.maxPriceBps,
        new Date(),
        0,
      ]),
    );

    const peakMb = memoryMb(measured.pid).peak;
    printTable(rows, peakMb);
    console.log(
      `load average at end ${fmt(loadavg()[0], 2)}; ${fmt((performance.now() - runStarted) / 60_000)} min in all`,
    );
    record(rows, peakMb);
  } finally {
    await stopAll();
    unhook();
  }
}

/** Bytes of WAL written so far. */
async function walPosition(api: BenchApi): Promise<number> {
  const [row] = await api.db.query(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 AS bytes`);
  return row.bytes as number;
}

async function explain(api: BenchApi, sql: string, params: unknown[]): Promise<string> {
  const rows: Array<{ 'QUERY PLAN': string }> = await api.db.query(
    `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
    params,
  );
  return rows.map((row) => `  ${row['QUERY PLAN']}`).join('\n');
}

function printTable(rows: Row[], peakMb: number): void {
  const cells = (values: string[]): string => values.map((value) => value.padStart(8)).join(' ');
  const ms = (value: number): string => fmt(value, 2);
  console.log(
    `\n${''.padStart(11)} | ${'book (GET)'.padEnd(17)} | ${'order, 1 client'.padEnd(17)} | ` +
      `${'orders, 4 clients at once'.padEnd(26)} | API process`,
  );
  console.log(
    `${'listings'.padStart(11)} | ${cells(['p50', 'p99'])} | ${cells(['p50', 'p99'])} | ` +
      `${cells(['p50', 'p99', 'orders/s'])} | ${cells(['RSS MB', 'heap MB'])}`,
  );
  for (const row of rows) {
    console.log(
      `${count(row.size).padStart(11)} | ${cells([ms(row.book.p50), ms(row.book.p99)])} | ` +
        `${cells([ms(row.solo.p50), ms(row.solo.p99)])} | ` +
        `${cells([ms(row.four.p50), ms(row.four.p99), fmt(row.four.rate, 1)])} | ` +
        cells([fmt(row.rssMb, 1), fmt(row.heapMb, 1)]),
    );
  }
  console.log(
    '(latencies in ms, over loopback HTTP; RSS and V8 heap in use of the API process after each size)',
  );
  const first = rows[0] as Row;
  const last = rows[rows.length - 1] as Row;
  const span = `${count(first.size)} → ${count(last.size)}`;
  console.log(`\ngrowth ${span} listings (target: p99 under ×${TARGET.growth}):`);
  for (const [label, pick] of SERIES) {
    const [a, b] = [pick(first), pick(last)];
    const ratio = b.p99 / a.p99;
    console.log(
      `  ${label.padEnd(18)} p99 ×${fmt(ratio, 2)} (${fmt(a.p99, 2)} → ${fmt(b.p99, 2)} ms), ` +
        `p50 ×${fmt(b.p50 / a.p50, 2)}  ${ratio < TARGET.growth ? 'met' : 'MISSED'}`,
    );
  }
  const maxRss = Math.max(...rows.map((row) => row.rssMb));
  console.log(
    `memory: RSS at most ${fmt(maxRss, 1)} MB after a size, peak (VmHWM) ${fmt(peakMb, 1)} MB ` +
      `(target < ${TARGET.rssMb} MB): ${peakMb < TARGET.rssMb ? 'met' : 'MISSED'}; ` +
      `RSS ${fmt(first.rssMb, 1)} → ${fmt(last.rssMb, 1)} MB over ${span} listings`,
  );
}

const SERIES: ReadonlyArray<readonly [string, (row: Row) => Figures]> = [
  ['book', (row) => row.book],
  ['order, 1 client', (row) => row.solo],
  ['order, 4 clients', (row) => row.four],
];

function record(rows: Row[], peakMb: number): void {
  const first = rows[0] as Row;
  const last = rows[rows.length - 1] as Row;
  for (const [label, pick] of SERIES) {
    recordResult({
      benchmark: 'scale',
      figure: `${label} p99 at ${count(last.size)} listings`,
      value: pick(last).p99,
      unit: 'ms',
      reference: `p99 at ${count(first.size)} listings`,
      referenceValue: pick(first).p99,
      target: `ratio < ${TARGET.growth}`,
      met: pick(last).p99 / pick(first).p99 < TARGET.growth,
    });
  }
  recordResult({
    benchmark: 'scale',
    figure: `API process RSS, peak up to ${count(last.size)} listings`,
    value: peakMb,
    unit: 'MB',
    reference: `RSS at ${count(first.size)} listings`,
    referenceValue: first.rssMb,
    target: `< ${TARGET.rssMb} MB`,
    met: peakMb < TARGET.rssMb,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
