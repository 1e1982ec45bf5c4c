// Trades settled per second end to end through the worker and the Stripe emulator, next to raw BullMQ no-op
// jobs per second on the same Redis in the same run.
// - Throwaway PostgreSQL and Redis; the API in this process on a loopback port; the Stripe emulator and the
//   worker (apps/worker/src/main.ts, as `npm run local` runs it) each in a child process.
// - Setup (not timed): N trades awaiting payment, matched through the API against one listing.
// - Timed: for each trade the buyer pays (pm_card_visa, funded by the emulator's webhook), the worker asks the
//   seller to transfer, the seller submits it, the worker hands it to the operator, the operator approves,
//   the worker transfers the proceeds at Stripe and settles the trade; IN_FLIGHT trades move at once.
// - The breakdown of the timed phase, per settled trade: durable commits, WAL flushes, audit appends,
//   outbox events, Stripe webhooks and API calls, Redis commands, CPU per process, what PostgreSQL's
//   backends waited on, the median time to enter each step; then the ceilings these imply on this machine:
//   CPU, the server's durable commit rate (pgbench, 1 and 16 clients) and the audit chain's serial commits.
// - Then, with the API and the worker stopped: raw BullMQ, RAW_JOBS no-op jobs added in bulk and consumed by
//   one BullMQ Worker with the settlement worker's concurrency, on the same Redis, and their CPU per job.
// `--smoke` (or BENCH_SMOKE=1): 10 trades, 5 in flight, 1,000 raw jobs; the figures mean nothing.
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { spawnStripeEmulator } from '../../apps/stripe-emulator/src';
import { STRIPE_WEBHOOK_EVENTS } from '../../libs/escrow/src';
import { spawnSettlementWorker } from '../../test/support/settlement-worker';
import {
  call,
  createBenchProvider,
  fmt,
  kycVerifiedFirm,
  quantile,
  signInOperator,
  startBenchStack,
  stopOnSignals,
  verifiedLot,
  type BenchApi,
} from '../market/bench-stack';
import { isSmoke, recordResult } from '../results';
import { rawBullmq } from './raw-bullmq';
import {
  auditTransactions,
  automaticStepLatencies,
  commitRates,
  readCounters,
  sampleWaits,
} from './settlement-breakdown';
import { driveToSettled, type Parties } from './settlement-driver';
import { describeBreakdown, describeCeilings, subtractCounts } from './settlement-report';

const SMOKE = isSmoke();
const TRADES = Number(process.env.BENCH_TRADES ?? (SMOKE ? 10 : 400));
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? (SMOKE ? 5 : 64));
const WORKER_CONCURRENCY = 16;
const RAW_JOBS = SMOKE ? 1_000 : 20_000;
/** Issue #9: settled trades/s at least a tenth of raw BullMQ no-op jobs/s. */
const TARGET_RATIO = 0.1;
const TRADE_QUANTITY_MINOR = 10_000;
const PREFIX = 'carryover-bench';
const RUN_LIMIT_MS = 10 * 60_000;

async function main(): Promise<void> {
  console.log(
    `settlement benchmark: ${TRADES} trades, ${IN_FLIGHT} in flight, worker concurrency ${WORKER_CONCURRENCY}`,
  );
  console.log(
    `host: ${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const stack = await startBenchStack({ durable: true });
  // Whatever started is stopped, newest first, however the run ends.
  const started: Array<() => Promise<unknown>> = [stack.stop];
  const stopAll = async (): Promise<void> => {
    for (const stop of started.reverse()) await stop().catch(() => undefined);
    started.length = 0;
  };
  const unhook = stopOnSignals(stopAll);
  const limit = setTimeout(() => {
    console.error('the benchmark ran past its time limit; stopping');
    void stopAll().finally(() => process.exit(1));
  }, RUN_LIMIT_MS);
  try {
    const emulator = await spawnStripeEmulator();
    const stopEmulator = once(emulator.stop);
    started.push(stopEmulator);
    const env = {
      DATABASE_URL: stack.databaseUrl,
      REDIS_URL: stack.redis.url,
      REDIS_KEY_PREFIX: PREFIX,
      STRIPE_SECRET_KEY: emulator.secretKey,
      STRIPE_API_URL: emulator.url,
      STRIPE_WEBHOOK_SECRET: emulator.webhookSecret,
    };
    const api = await startApi(env);
    const closeApi = once(api.close);
    started.push(closeApi);
    // Subscribed as the README has operators subscribe: to the events Carryover acts on.
    await emulator.control.setWebhookEndpoint({
      url: `${api.baseUrl}/v1/webhooks/stripe`,
      enabledEvents: [...STRIPE_WEBHOOK_EVENTS],
    });
    const worker = await spawnSettlementWorker({
      env: {
        ...env,
        NODE_ENV: 'production',
        WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
        DATABASE_POOL_SIZE: '24',
      },
    });
    started.push(worker.stop);
    const { parties, tradeIds } = await setUp(api);
    console.log(`setup: ${tradeIds.length} trades awaiting payment`);
    const before = await readCounters(api.db, stack.redis.url);
    const callsBefore = await emulator.control.apiCalls();
    const waits = sampleWaits(api.db);
    const run = await driveToSettled(api, api.db, parties, tradeIds, {
      inFlight: IN_FLIGHT,
      pollMs: 20,
      deadlineMs: 5 * 60_000,
    });
    const waiting = await waits.stop();
    const after = await readCounters(api.db, stack.redis.url);
    const callsAfter = await emulator.control.apiCalls();
    const settledPerSecond = run.settled / (run.elapsedMs / 1000);
    const ledger = await call<{ balanced: boolean }>(api, 'GET', '/v1/admin/ledger/balances', {
      auth: parties.operator,
    });
    const [{ transfers }] = (await api.db.query(
      `SELECT count(*)::int AS transfers FROM trade_transfers WHERE stripe_transfer_id IS NOT NULL`,
    )) as Array<{ transfers: number }>;
    console.log(
      `settlement: ${run.settled} trades settled in ${fmt(run.elapsedMs / 1000, 2)} s = ${fmt(settledPerSecond)} trades/s;` +
        ` pay -> settled p50 ${fmt(quantile(run.latenciesMs, 0.5), 0)} ms, p95 ${fmt(quantile(run.latenciesMs, 0.95), 0)} ms,` +
        ` p99 ${fmt(quantile(run.latenciesMs, 0.99), 0)} ms; ${transfers} Stripe transfers; ledger ${ledger.balanced ? 'balanced' : 'NOT balanced'}`,
    );
    if (Object.keys(run.unfinished).length > 0)
      console.log(`  not settled: ${JSON.stringify(run.unfinished)}`);
    console.log(`  jobs: ${await jobCounts(stack.redis.url)}`);
    console.log(`  median time to enter each step: ${await stepTimes(api.db, run.paidAt)}`);
    const automatic = await automaticStepLatencies(api.db, tradeIds);
    console.log(
      `  automatic steps, median outbox insert -> job enqueued -> step entered: ${automatic
        .map((s) => `${s.event} ${fmt(s.toRelayMs, 0)} + ${fmt(s.toStepMs, 0)} ms -> ${s.status}`)
        .join(', ')}`,
    );
    const breakdown = describeBreakdown({
      trades: run.settled,
      before,
      after,
      auditTransactions: await auditTransactions(api.db, before),
      stripeCalls: subtractCounts(callsAfter, callsBefore),
      waiting,
    });
    for (const line of breakdown.lines) console.log(`  ${line}`);
    await worker.stop();
    const rates = await commitRates(api.db, stack.postgres, SMOKE ? 1 : 3).catch(() => null);
    for (const line of describeCeilings(breakdown, rates, settledPerSecond)) console.log(`  ${line}`);
    await closeApi();
    await stopEmulator();

    const raw = await rawBullmq(stack.redis.url, {
      prefix: PREFIX,
      jobs: RAW_JOBS,
      concurrency: WORKER_CONCURRENCY,
    });
    const rawPerSecond = raw.perSecond;
    console.log(
      `raw BullMQ: ${RAW_JOBS} no-op jobs at concurrency ${WORKER_CONCURRENCY} = ${fmt(rawPerSecond)} jobs/s;` +
        ` CPU ${fmt(raw.cpuMsPerJob, 2)} ms per job (a settled trade took ${fmt(breakdown.cpuMsPerTrade, 0)} ms)`,
    );
    console.log(
      `ratio: settled trades/s / raw no-op jobs/s = ${fmt((100 * settledPerSecond) / rawPerSecond, 2)} % (target >= 10 %);` +
        ` a settled trade takes the CPU of ${fmt(breakdown.cpuMsPerTrade / raw.cpuMsPerJob, 0)} no-op jobs, the target allows 10`,
    );
    recordResult({
      benchmark: 'settlement',
      figure: `trades settled/s, ${run.settled} of ${TRADES}, ${IN_FLIGHT} in flight`,
      value: settledPerSecond,
      unit: 'trades/s',
      reference: `raw BullMQ no-op jobs/s (concurrency ${WORKER_CONCURRENCY})`,
      referenceValue: rawPerSecond,
      target: `ratio >= ${TARGET_RATIO}`,
      met: run.settled === TRADES && settledPerSecond / rawPerSecond >= TARGET_RATIO,
    });
    recordResult({
      benchmark: 'settlement',
      figure: 'pay -> settled p99',
      value: quantile(run.latenciesMs, 0.99),
      unit: 'ms',
    });
  } finally {
    clearTimeout(limit);
    unhook();
    await stopAll();
  }
}

/** `stop`, run at most once however often it is called. */
function once(stop: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => (stopping ??= stop());
}

async function startApi(env: Record<string, string>): Promise<BenchApi> {
  const app = await createApiApp({
    env: {
      ...env,
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(36).toString('base64url'),
      LOG_LEVEL: 'info',
      AUTH_RATE_LIMIT_PER_MINUTE: 10_000,
      DATABASE_POOL_SIZE: 24,
    },
    logDestination: { write: () => true },
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, db: app.get(DataSource), close: () => app.close() };
}

/** An operator, a seller with payouts enabled at the emulator, a buyer, and TRADES trades awaiting payment. */
async function setUp(api: BenchApi): Promise<{ parties: Parties; tradeIds: string[] }> {
  const operator = await signInOperator(api);
  const seller = await kycVerifiedFirm(api, operator, 'seller');
  const buyer = await kycVerifiedFirm(api, operator, 'buyer');
  const { url } = await call<{ url: string }>(api, 'POST', '/v1/organizations/me/payouts/onboarding', {
    auth: seller.auth,
    expect: 200,
  });
  await fetch(url, { redirect: 'manual' });
  for (let i = 0; ; i += 1) {
    const status = await call<{ status: string }>(api, 'GET', '/v1/organizations/me/payouts', {
      auth: seller.auth,
    });
    if (status.status === 'enabled') break;
    if (i > 200) throw new Error('seller payouts were not enabled');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const providerCode = `bench-${randomUUID().slice(0, 8)}`;
  await createBenchProvider(api.db, providerCode);
  const quantity = TRADES * TRADE_QUANTITY_MINOR;
  const lotId = await verifiedLot(api, operator, seller.auth, providerCode, quantity);
  await call(api, 'POST', '/v1/listings', {
    auth: seller.auth,
    body: { creditLotId: lotId, quantityMinor: quantity, priceBps: 7200 },
  });
  const tradeIds: string[] = [];
  for (let i = 0; i < TRADES; i += 1) {
    const placed = await call<{ trades: Array<{ id: string }> }>(api, 'POST', '/v1/orders', {
      auth: buyer.auth,
      body: {
        providerCode,
        currency: 'USD',
        quantityMinor: TRADE_QUANTITY_MINOR,
        maxPriceBps: 8000,
        timeInForce: 'FOK',
      },
    });
    const trade = placed.trades[0];
    if (!trade) throw new Error('a benchmark order did not match');
    tradeIds.push(trade.id);
  }
  return { parties: { operator, seller: seller.auth, buyer: buyer.auth }, tradeIds };
}

/**
 * The median time each step took, from the trades' timelines: where a settlement spends its time. Funding
 * is timed from the buyer's payment request (its previous step, the match, happened during the setup).
 */
async function stepTimes(db: DataSource, paidAt: Map<string, number>): Promise<string> {
  const rows = (await db.query(
    `SELECT status, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::int AS ms
       FROM (SELECT status, at,
                    extract(epoch FROM at - coalesce(lag(at) OVER (PARTITION BY trade_id ORDER BY id),
                      to_timestamp(paid.ms / 1000.0))) * 1000 AS ms
               FROM trade_events
               JOIN unnest($1::uuid[], $2::float8[]) AS paid(trade_id, ms) USING (trade_id)
              WHERE status <> 'awaiting_payment') steps
      GROUP BY status ORDER BY min(at)`,
    [[...paidAt.keys()], [...paidAt.values()]],
  )) as Array<{ status: string; ms: number }>;
  return rows.map((row) => `${row.status} ${fmt(row.ms, 0)} ms`).join(', ');
}

/** Completed and failed (retried included) jobs per queue of the run, as BullMQ counts them. */
async function jobCounts(redisUrl: string): Promise<string> {
  const parts: string[] = [];
  for (const name of ['settlement', 'payments', 'webhooks']) {
    const queue = new Queue(name, { connection: { url: redisUrl }, prefix: PREFIX });
    const counts = await queue.getJobCounts('completed', 'failed', 'delayed', 'wait', 'active');
    const failures = await queue.getMetrics('failed').catch(() => null);
    parts.push(`${name} ${JSON.stringify(counts)}${failures ? ` failedMetric=${failures.meta.count}` : ''}`);
    await queue.close();
  }
  return parts.join('; ');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
