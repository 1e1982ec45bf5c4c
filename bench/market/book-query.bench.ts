// The market-data book (asks and bids aggregated per price level, the best 200 levels per side shown) as the
// resting listings of one market grow from 1,000 to 100,000. Measured per size through
// MarketQueryService.book (one statement over the price levels that triggers maintain in book_levels) and
// GET /v1/markets/:code/book over loopback HTTP.
// - Two markets, two price spreads: "wide" spreads listings over 3,000 prices (5000..7999 bps); "dense" puts
//   them all on 200 prices, so every listing is inside the shown levels: the worst case for a query that
//   aggregates listings, and no different for one that reads the maintained levels.
// - Listings are bulk-inserted with generate_series as copies of one listing created through the API, on one
//   lot; the lot's listed amount is not adjusted for the copies (the book reads only listings and levels).
// - Samples are sequential (no concurrency); the tables are VACUUM ANALYZEd after each insert.
// `--smoke` (or BENCH_SMOKE=1): 200 and 1,000 listings, 30 samples per figure; the figures mean nothing.
import { cpus, loadavg } from 'node:os';
import { BOOK_QUERY, MarketQueryService } from '@carryover/market';
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
} from './bench-stack';
import { isSmoke, recordResult } from '../results';

const SMOKE = isSmoke();
const SIZES = SMOKE ? [200, 1_000] : [1_000, 10_000, 100_000];
const WARMUP = SMOKE ? 3 : 20;
const SAMPLES = SMOKE ? 30 : 300;
/** Each measurement stops sampling after this long, whichever comes first. */
const SAMPLE_BUDGET_MS = SMOKE ? 2_000 : 15_000;
/** Issue #4: the book query's p99 under 20 ms at 100,000 listings, growing less than 2x from 1,000. */
const TARGET = { growth: 2, p99Ms: 20 };
const RUN_LIMIT_MS = 5 * 60_000;

interface Spread {
  label: string;
  code: string;
  prices: number;
}

const SPREADS: Spread[] = [
  { label: 'wide', code: 'bench-book-wide', prices: 3_000 },
  { label: 'dense', code: 'bench-book-dense', prices: 200 },
];

async function sample(run: () => Promise<unknown>): Promise<Float64Array> {
  for (let i = 0; i < WARMUP; i++) await run();
  const latencies: number[] = [];
  const started = performance.now();
  while (latencies.length < SAMPLES && performance.now() - started < SAMPLE_BUDGET_MS) {
    const t0 = performance.now();
    await run();
    latencies.push(performance.now() - t0);
  }
  return Float64Array.from(latencies).sort();
}

/** Adds copies of the template listing, priced over `prices` levels, until the market holds `total`. */
async function growTo(api: BenchApi, templateId: string, prices: number, from: number, total: number) {
  await api.db.query(
    `INSERT INTO listings (organization_id, credit_lot_id, provider_code, currency, quantity_minor,
            remaining_minor, price_bps, effective_price_bps, expires_at, tradable_until, transfer_methods, status)
     SELECT t.organization_id, t.credit_lot_id, t.provider_code, t.currency, 1000 + g % 97, 1000 + g % 97,
            5000 + g % $4, 5000 + g % $4, t.expires_at, t.tradable_until, t.transfer_methods, 'active'
       FROM listings t, generate_series($2::int, $3::int) g
      WHERE t.id = $1`,
    [templateId, from + 1, total, prices],
  );
}

/** A firm with a lot in each market, one listing there through the API, and 20 resting bids. */
async function seed(api: BenchApi): Promise<{ templates: Map<string, string>; buyer: Auth }> {
  const operator = await signInOperator(api);
  const seller = await kycVerifiedFirm(api, operator, 'seller');
  const buyer = await kycVerifiedFirm(api, operator, 'buyer');
  const templates = new Map<string, string>();
  for (const { code } of SPREADS) {
    await createBenchProvider(api.db, code);
    const lotId = await verifiedLot(api, operator, seller.auth, code, 1_000_000);
    const created = await call<{ listing: { id: string } }>(api, 'POST', '/v1/listings', {
      auth: seller.auth,
      body: { creditLotId: lotId, quantityMinor: 1_000, priceBps: 5000 },
    });
    templates.set(code, created.listing.id);
    for (let i = 0; i < 20; i++) {
      await call(api, 'POST', '/v1/orders', {
        auth: buyer.auth,
        body: {
          providerCode: code,
          currency: 'USD',
          quantityMinor: 500,
          maxPriceBps: 4000 + i,
          timeInForce: 'GTC',
        },
      });
    }
  }
  return { templates, buyer: buyer.auth };
}

async function main(): Promise<void> {
  const stack = await startBenchStack({ durable: false });
  const unhook = guardRun(stack.stop, RUN_LIMIT_MS);
  let api: BenchApi | undefined;
  try {
    api = await startBenchApi(stack);
    const { templates, buyer } = await seed(api);
    const service = api.app.get(MarketQueryService);
    const [{ version }] = await api.db.query(`SELECT current_setting('server_version') AS version`);
    console.log(
      `Carryover book query — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ` +
        `PostgreSQL ${version}; load average at start ${fmt(loadavg()[0], 2)}`,
    );
    console.log(
      `up to ${SAMPLES} sequential samples per figure after ${WARMUP} warm-up calls; 20 resting bids\n`,
    );
    console.log('listings  spread  levels | service p50     p99 | HTTP p50     p99 | plan of the book query');

    const p50s = new Map<string, number[]>();
    const p99s = new Map<string, number[]>();
    let resting = 1;
    for (const size of SIZES) {
      for (const spread of SPREADS) {
        await growTo(api, templates.get(spread.code) as string, spread.prices, resting, size);
      }
      await api.db.query('VACUUM ANALYZE listings');
      resting = size;
      for (const spread of SPREADS) {
        const current = api;
        const viaService = await sample(() => service.book(spread.code, 'USD', new Date()));
        const viaHttp = await sample(() =>
          call(current, 'GET', `/v1/markets/${spread.code}/book?currency=USD`, { auth: buyer }),
        );
        const book = await service.book(spread.code, 'USD', new Date());
        p50s.set(spread.label, [...(p50s.get(spread.label) ?? []), quantile(viaService, 0.5)]);
        p99s.set(spread.label, [...(p99s.get(spread.label) ?? []), quantile(viaService, 0.99)]);
        console.log(
          `${size.toLocaleString('en-US').padStart(8)}  ${spread.label.padEnd(6)} ${String(book.asks.length).padStart(6)} | ` +
            `${fmt(quantile(viaService, 0.5), 2).padStart(7)} ${fmt(quantile(viaService, 0.99), 2).padStart(7)} ms | ` +
            `${fmt(quantile(viaHttp, 0.5), 2).padStart(7)} ${fmt(quantile(viaHttp, 0.99), 2).padStart(7)} ms | ` +
            (await askPlan(api, spread.code)),
        );
      }
    }
    console.log('\ngrowth of the service p50:');
    for (const [label, series] of p50s) {
      const steps = series.slice(1).map((p50, i) => `×${fmt(p50 / series[i], 1)}`);
      console.log(
        `  ${label.padEnd(6)} 1k → 10k ${steps[0]}, 10k → 100k ${steps[1]}; ` +
          `100k vs 1k ×${fmt(series[series.length - 1] / series[0], 1)}`,
      );
    }
    console.log(`load average at end ${fmt(loadavg()[0], 2)}`);

    const [smallest, largest] = [SIZES[0], SIZES[SIZES.length - 1]].map((n) => n.toLocaleString('en-US'));
    for (const [label, series] of p99s) {
      const [first, last] = [series[0], series[series.length - 1]];
      recordResult({
        benchmark: 'book',
        figure: `service p99 at ${largest} listings (${label})`,
        value: last,
        unit: 'ms',
        reference: `p99 at ${smallest} listings`,
        referenceValue: first,
        target: `ratio < ${TARGET.growth}, < ${TARGET.p99Ms} ms`,
        met: last / first < TARGET.growth && last < TARGET.p99Ms,
      });
    }
  } finally {
    await api?.close().catch(() => {});
    await stack.stop();
    unhook();
  }
}

/** The scan nodes Postgres chooses for the book query (both sides), e.g. "Limit → Index Scan using ...". */
async function askPlan(api: BenchApi, code: string): Promise<string> {
  const rows: Array<{ 'QUERY PLAN': string }> = await api.db.query(`EXPLAIN ${BOOK_QUERY}`, [
    code,
    'USD',
    new Date(),
  ]);
  return rows
    .map((row) => row['QUERY PLAN'].trim().replace(/^->\s*/, ''))
    .filter((line) => /Scan|Aggregate|Sort/.test(line) && !line.startsWith('Sort Key'))
    .map((line) => line.replace(/\s+\(cost=.*$/, '').replace(/ on (listings|book_levels)( level)?$/, ''))
    .join(' → ');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
