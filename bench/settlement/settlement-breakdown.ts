// Where a settlement run's time goes: CPU per process, durable commits and WAL flushes, audit appends,
// outbox events, Stripe calls, Redis commands, and what PostgreSQL's backends were waiting on; and the
// ceilings those counts imply on this machine.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import Redis from 'ioredis';

/** libs/audit's chain lock (pg_advisory_xact_lock on the ASCII bytes of "audit"), to name its waits. */
const AUDIT_CHAIN_LOCK_KEY = 418397169012n;

// --- CPU ---

const CLOCK_TICKS = clockTicks();

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
}

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  cpuMs: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    // After "pid (comm) ": state ppid ... utime (14th field overall) stime (15th).
    const ticks = Number(fields[11]) + Number(fields[12]);
    return {
      pid,
      ppid: Number(fields[1]),
      comm: text.slice(text.indexOf('(') + 1, close),
      cpuMs: (ticks * 1000) / CLOCK_TICKS,
    };
  } catch {
    return null;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** The role of a direct child of the benchmark process, from its command line. */
function roleOf(pid: number, comm: string): string {
  const command = commandLine(pid);
  if (command.includes('apps/worker')) return 'worker';
  if (command.includes('stripe-emulator')) return 'stripe emulator';
  if (comm.startsWith('postgres') || command.includes('bin/postgres')) return 'postgres';
  if (comm.startsWith('redis')) return 'redis';
  return comm;
}

/**
 * CPU time used so far (ms) by this process (the API and the driver) and each process tree it started,
 * by role; exited processes' time is not counted (PostgreSQL's pooled backends live through the run).
 */
export function cpuByRole(): Map<string, number> {
  const stats = new Map<number, ProcStat>();
  if (!existsSync('/proc/self/stat')) return new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) stats.set(stat.pid, stat);
  }
  const children = new Map<number, number[]>();
  for (const stat of stats.values()) {
    const list = children.get(stat.ppid) ?? [];
    list.push(stat.pid);
    children.set(stat.ppid, list);
  }
  const treeMs = (pid: number): number =>
    (stats.get(pid)?.cpuMs ?? 0) + (children.get(pid) ?? []).reduce((sum, child) => sum + treeMs(child), 0);
  const roles = new Map<string, number>([['api + driver', stats.get(process.pid)?.cpuMs ?? 0]]);
  for (const child of children.get(process.pid) ?? []) {
    const role = roleOf(child, stats.get(child)?.comm ?? '?');
    roles.set(role, (roles.get(role) ?? 0) + treeMs(child));
  }
  return roles;
}

/** The machine's busy and total CPU time so far (ms, all cores), from /proc/stat. */
export function machineCpu(): { busyMs: number; totalMs: number } {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
    const idle = fields[3] + fields[4];
    return { busyMs: ((total - idle) * 1000) / CLOCK_TICKS, totalMs: (total * 1000) / CLOCK_TICKS };
  } catch {
    return { busyMs: Number.NaN, totalMs: Number.NaN };
  }
}

// --- PostgreSQL and Redis counters ---

export interface Counters {
  at: number;
  /** transactions that wrote (an xid was assigned): durable commits, and the odd rollback */
  writeXacts: number;
  /** every commit, read-only statements outside a transaction included */
  commits: number;
  walSyncs: number;
  walBytes: number;
  auditEvents: number;
  outboxEvents: number;
  stripeEvents: number;
  redisCommands: number;
  cpu: Map<string, number>;
  machine: { busyMs: number; totalMs: number };
}

export async function readCounters(db: DataSource, redisUrl: string): Promise<Counters> {
  const [row] = (await db.query(
    `SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS next_xid,
            (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS commits,
            (SELECT wal_sync FROM pg_stat_wal) AS wal_syncs,
            (SELECT wal_bytes FROM pg_stat_wal)::bigint AS wal_bytes,
            (SELECT coalesce(max(seq), 0) FROM audit_events) AS audit_events,
            (SELECT count(*) FROM outbox_events) AS outbox_events,
            (SELECT count(*) FROM stripe_events) AS stripe_events`,
  )) as Array<Record<string, string>>;
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  let redisCommands = Number.NaN;
  try {
    await redis.connect();
    const info = await redis.info('stats');
    redisCommands = Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? Number.NaN);
  } finally {
    redis.disconnect();
  }
  return {
    at: Date.now(),
    writeXacts: Number(row.next_xid),
    commits: Number(row.commits),
    walSyncs: Number(row.wal_syncs),
    walBytes: Number(row.wal_bytes),
    auditEvents: Number(row.audit_events),
    outboxEvents: Number(row.outbox_events),
    stripeEvents: Number(row.stripe_events),
    redisCommands,
    cpu: cpuByRole(),
    machine: machineCpu(),
  };
}

// --- what the backends wait on ---

/**
 * Samples pg_stat_activity of the database every `everyMs` (a sample costs PostgreSQL a few ms of CPU) and
 * keeps the mean number of backends in each state: running, waiting for the audit chain's lock, another
 * advisory lock, a row lock, WAL, or for the application to send its next statement in an open transaction.
 */
export function sampleWaits(db: DataSource, everyMs = 250): { stop(): Promise<Map<string, number>> } {
  const totals = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const rows = (await db.query(
        `SELECT a.state, a.wait_event_type AS type, a.wait_event AS event,
                (l.classid::bigint << 32) | l.objid::bigint AS advisory_key
           FROM pg_stat_activity a
           LEFT JOIN pg_locks l ON l.pid = a.pid AND NOT l.granted AND l.locktype = 'advisory'
          WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.backend_type = 'client backend'
            AND a.state NOT IN ('idle')`,
      )) as Array<{ state: string; type: string | null; event: string | null; advisory_key: string | null }>;
      samples += 1;
      for (const row of rows) {
        const key = waitLabel(row);
        totals.set(key, (totals.get(key) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return new Map([...totals].map(([key, count]) => [key, count / Math.max(1, samples)]));
    },
  };
}

function waitLabel(row: {
  state: string;
  type: string | null;
  event: string | null;
  advisory_key: string | null;
}) {
  if (row.state.startsWith('idle in transaction')) return 'in a transaction, waiting for the application';
  if (row.type === null) return 'running a statement';
  if (row.type === 'Lock' && row.event === 'advisory') {
    return row.advisory_key !== null && BigInt(row.advisory_key) === AUDIT_CHAIN_LOCK_KEY
      ? 'waiting for the audit chain lock'
      : 'waiting for another advisory lock';
  }
  if (row.type === 'Lock') return `waiting for a ${row.event === 'transactionid' ? 'row' : row.event} lock`;
  if (row.type === 'Client') return 'waiting for the application';
  return `${row.type}: ${row.event}`;
}

// --- the server's commit rate ---

/**
 * Durable commits per second the server makes for a one-row insert into a table of its own, over the Unix
 * socket with pgbench: one client (each commit waits for its own WAL flush) and 16 (one flush serves the
 * commits that wait together).
 */
export async function commitRates(
  db: DataSource,
  server: { socketDir: string; port: number },
  seconds: number,
): Promise<{ serial: number; concurrent: number } | null> {
  const [{ version, database }] = (await db.query(
    `SELECT current_setting('server_version_num')::int / 10000 AS version, current_database() AS database`,
  )) as Array<{ version: number; database: string }>;
  const binary = `/usr/lib/postgresql/${version}/bin/pgbench`;
  if (!existsSync(binary)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'carryover-commit-probe-'));
  const script = join(dir, 'commit.sql');
  writeFileSync(script, 'INSERT INTO bench_commit_probe VALUES (1);\n');
  await db.query('CREATE TABLE bench_commit_probe (n int)');
  const run = async (clients: number): Promise<number> => {
    const args = ['-n', '-f', script, '-c', String(clients), '-j', String(Math.min(clients, 2))];
    const connection = ['-h', server.socketDir, '-p', String(server.port), '-U', 'postgres', database];
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(binary, [...args, '-T', String(seconds), ...connection], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(text.slice(-500)))));
    });
    return Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? Number.NaN);
  };
  try {
    return { serial: await run(1), concurrent: await run(16) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.query('DROP TABLE bench_commit_probe');
  }
}

/** Transactions that appended to the audit chain since `before` (each holds the chain's lock until it commits). */
export async function auditTransactions(db: DataSource, before: Counters): Promise<number> {
  const [{ n }] = (await db.query(
    `SELECT count(DISTINCT xmin::text)::int AS n FROM audit_events WHERE seq > $1`,
    [before.auditEvents],
  )) as Array<{ n: number }>;
  return n;
}

/** The worker's automatic steps: the event that starts each, and the status it moves the trade to. */
const AUTOMATIC_STEPS = [
  ['trade.funded', 'transfer_pending'],
  ['trade.transfer_submitted', 'verifying'],
  ['trade.releasing', 'settled'],
] as const;

/**
 * For each automatic step, the median time from the outbox insert of the event that starts it to the relay
 * enqueueing its job (the rest of the inserting transaction included: its audit append and commit), and from
 * there to the step's new status (the job waiting, starting and locking the trade; the Stripe transfer too
 * for settled).
 */
export async function automaticStepLatencies(
  db: DataSource,
  tradeIds: readonly string[],
): Promise<Array<{ event: string; status: string; toRelayMs: number; toStepMs: number }>> {
  const rows = (await db.query(
    `SELECT o.name AS event, e.status,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM o.relayed_at - o.occurred_at))
              * 1000 AS to_relay_ms,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.at - o.relayed_at)) * 1000 AS to_step_ms
       FROM outbox_events o
       JOIN unnest($1::text[], $2::text[]) AS step (event, status) ON step.event = o.name
       JOIN trade_events e ON e.trade_id = (o.payload->>'tradeId')::uuid AND e.status = step.status
      WHERE o.name = ANY($1::text[]) AND (o.payload->>'tradeId')::uuid = ANY($3::uuid[])
      GROUP BY o.name, e.status`,
    [AUTOMATIC_STEPS.map(([event]) => event), AUTOMATIC_STEPS.map(([, status]) => status), tradeIds],
  )) as Array<{ event: string; status: string; to_relay_ms: number; to_step_ms: number }>;
  const order = AUTOMATIC_STEPS.map(([event]) => event as string);
  return rows
    .sort((a, b) => order.indexOf(a.event) - order.indexOf(b.event))
    .map((row) => ({
      event: row.event,
      status: row.status,
      toRelayMs: Number(row.to_relay_ms),
      toStepMs: Number(row.to_step_ms),
    }));
}
