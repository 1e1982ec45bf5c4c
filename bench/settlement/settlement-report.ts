// The settlement benchmark's breakdown in words: what one settled trade cost, and the ceilings that implies.
import { fmt } from '../market/bench-stack';
import type { Counters } from './settlement-breakdown';

export interface Breakdown {
  lines: string[];
  durableCommitsPerTrade: number;
  auditAppendsPerTrade: number;
  auditTransactionsPerTrade: number;
  cpuMsPerTrade: number;
  /** CPUs the machine has, and how busy it was during the run (0..1, everything on it included) */
  cpus: number;
  machineBusy: number;
}

export function subtractCounts(
  after: Record<string, number>,
  before: Record<string, number>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after)
      .map(([key, value]) => [key, value - (before[key] ?? 0)] as const)
      .filter(([, value]) => value > 0),
  );
}

export function describeBreakdown(run: {
  trades: number;
  before: Counters;
  after: Counters;
  auditTransactions: number;
  stripeCalls: Record<string, number>;
  waiting: Map<string, number>;
}): Breakdown {
  const { before, after } = run;
  const trades = Math.max(1, run.trades);
  const per = (value: number): string => fmt(value / trades);
  const durable = after.writeXacts - before.writeXacts;
  const audit = after.auditEvents - before.auditEvents;
  const stripeTotal = Object.values(run.stripeCalls).reduce((sum, n) => sum + n, 0);
  const cpu = [...after.cpu]
    .map(([role, ms]) => [role, ms - (before.cpu.get(role) ?? 0)] as const)
    .filter(([, ms]) => ms / trades >= 0.5)
    .sort((a, b) => b[1] - a[1]);
  const cpuTotal = cpu.reduce((sum, [, ms]) => sum + ms, 0);
  const machineTotal = after.machine.totalMs - before.machine.totalMs;
  const elapsedMs = after.at - before.at;
  const cpus = Math.max(1, Math.round(machineTotal / elapsedMs));
  const machineBusy = (after.machine.busyMs - before.machine.busyMs) / machineTotal;
  const waits = [...run.waiting].filter(([, mean]) => mean >= 0.05).sort((a, b) => b[1] - a[1]);
  const lines = [
    `per trade: ${per(durable)} durable commits (${per(after.walSyncs - before.walSyncs)} WAL flushes, ` +
      `${per(after.commits - before.commits)} commits with read-only ones), ${per(audit)} audit appends in ${per(run.auditTransactions)} transactions, ` +
      `${per(after.outboxEvents - before.outboxEvents)} outbox events, ` +
      `${per(after.stripeEvents - before.stripeEvents)} Stripe webhooks received, ${per(stripeTotal)} Stripe API calls` +
      ` (${Object.entries(run.stripeCalls)
        .map(([call, n]) => `${call} ${per(n)}`)
        .join(', ')}), ${fmt((after.redisCommands - before.redisCommands) / trades, 0)} Redis commands`,
    `CPU per trade: ${cpu.map(([role, ms]) => `${role} ${fmt(ms / trades, 0)} ms`).join(', ')}` +
      ` = ${fmt(cpuTotal / trades, 0)} ms; the machine's ${cpus} CPUs were ${fmt(100 * machineBusy, 0)} % busy` +
      ` (this run and anything else running)`,
    `PostgreSQL backends, mean number at a time: ${waits
      .map(([label, mean]) => `${label} ${fmt(mean)}`)
      .join(', ')}`,
  ];
  return {
    lines,
    durableCommitsPerTrade: durable / trades,
    auditAppendsPerTrade: audit / trades,
    auditTransactionsPerTrade: run.auditTransactions / trades,
    cpuMsPerTrade: cpuTotal / trades,
    cpus,
    machineBusy,
  };
}

/**
 * What bounds the figure: the CPUs over the CPU time a trade takes; the server's durable commit rate over
 * the commits a trade makes; and the audit chain, whose lock is held through each commit, so the
 * transactions that append to it commit one at a time, at most at the one-client commit rate.
 */
export function describeCeilings(
  breakdown: Breakdown,
  rates: { serial: number; concurrent: number } | null,
  measured: number,
): string[] {
  const cpu = (breakdown.cpus * 1000) / breakdown.cpuMsPerTrade;
  const lines = [
    `ceilings: CPU ${breakdown.cpus} x 1,000 ms / ${fmt(breakdown.cpuMsPerTrade, 0)} ms per trade = ${fmt(cpu)} trades/s`,
  ];
  if (rates) {
    const commits = rates.concurrent / breakdown.durableCommitsPerTrade;
    const chain = rates.serial / breakdown.auditTransactionsPerTrade;
    lines.push(
      `  durable commits: ${fmt(rates.concurrent, 0)}/s with 16 clients / ${fmt(breakdown.durableCommitsPerTrade)} per trade` +
        ` = ${fmt(commits)} trades/s; audit chain (its transactions commit one at a time): ${fmt(rates.serial, 0)}/s` +
        ` with 1 client / ${fmt(breakdown.auditTransactionsPerTrade)} per trade = ${fmt(chain)} trades/s`,
    );
  }
  lines.push(`  measured ${fmt(measured)} trades/s = ${fmt((100 * measured) / cpu, 0)} % of the CPU ceiling`);
  return lines;
}
