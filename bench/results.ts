// The result protocol every benchmark speaks, so `npm run bench` (bench/run.ts) can print one table.
// - With BENCH_RESULTS_FILE set, a benchmark appends one JSON line per headline figure to that file; its
//   human output on the terminal stays as it is. Without it, recording does nothing.
// - `--smoke` (or BENCH_SMOKE=1) asks for a tiny run: the same code path with small sizes and short phases,
//   seconds instead of minutes, to keep the benchmarks working (its figures mean nothing).
import { appendFileSync } from 'node:fs';

export interface BenchResult {
  /** which benchmark: matching, http, book, scale, settlement, startup */
  benchmark: string;
  /** what was measured, e.g. "orders/s" or "p99 per order" */
  figure: string;
  value: number;
  /** unit of `value` and of `referenceValue`, e.g. "orders/s", "ms" */
  unit: string;
  /** what `value` is compared with, measured in the same run; null when there is none */
  reference: string | null;
  referenceValue: number | null;
  /** value / referenceValue */
  ratio: number | null;
  /** the target, in words, e.g. "ratio >= 2" */
  target: string | null;
  /** whether the target was reached; null when there is no target */
  met: boolean | null;
}

export const RESULTS_FILE_ENV = 'BENCH_RESULTS_FILE';

/** True for a smoke run: `--smoke` on the command line or BENCH_SMOKE=1. */
export function isSmoke(): boolean {
  return process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
}

/** Appends the figure to BENCH_RESULTS_FILE, when set; `ratio` defaults to value / referenceValue. */
export function recordResult(
  result: Omit<BenchResult, 'ratio' | 'reference' | 'referenceValue' | 'target' | 'met'> &
    Partial<Pick<BenchResult, 'ratio' | 'reference' | 'referenceValue' | 'target' | 'met'>>,
): void {
  const file = process.env[RESULTS_FILE_ENV];
  if (!file) return;
  const referenceValue = result.referenceValue ?? null;
  const ratio =
    result.ratio ??
    (referenceValue !== null && referenceValue !== 0 && Number.isFinite(referenceValue)
      ? result.value / referenceValue
      : null);
  const line: BenchResult = {
    benchmark: result.benchmark,
    figure: result.figure,
    value: result.value,
    unit: result.unit,
    reference: result.reference ?? null,
    referenceValue,
    ratio,
    target: result.target ?? null,
    met: result.met ?? null,
  };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}
