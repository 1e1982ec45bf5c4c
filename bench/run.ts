// `npm run bench`: every benchmark, one after another, each as a child process started with the node flags of
// its own npm script (read from package.json), then one table of their headline figures.
// - Each benchmark appends its figures as JSON lines to the file named by BENCH_RESULTS_FILE (bench/results.ts);
//   the file is bench/results/bench-<time>.jsonl (git-ignored) unless BENCH_RESULTS_FILE is set.
// - `npm run bench -- --smoke` passes --smoke to each: a tiny run of the same code paths, for CI.
// - `--only matching,startup` runs only the named benchmarks.
// - Exit code 0 even when targets are missed (benchmarks do not fail); 1 only when a benchmark crashed
//   (non-zero exit, a signal, or no figures recorded).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { findPostgresBinaries } from '../libs/devstack/src/postgres-binaries';
import { isSmoke, RESULTS_FILE_ENV, type BenchResult } from './results';

const ROOT = resolve(__dirname, '..');

/** name in the table -> npm script */
const BENCHMARKS: ReadonlyArray<{ name: string; script: string }> = [
  { name: 'matching', script: 'bench:matching' },
  { name: 'http', script: 'bench:http' },
  { name: 'book', script: 'bench:book' },
  { name: 'scale', script: 'bench:scale' },
  { name: 'settlement', script: 'bench:settlement' },
  { name: 'startup', script: 'bench:startup' },
];

interface Outcome {
  name: string;
  seconds: number;
  /** why it counts as crashed, or undefined */
  failure?: string;
}

/** The npm script's command line as [node flags..., file]: it must be `node <args>`. */
function scriptArgs(scripts: Record<string, string>, script: string): string[] {
  const command = scripts[script];
  const words = command?.trim().split(/\s+/) ?? [];
  if (words[0] !== 'node') throw new Error(`npm script ${script} is not "node ...": ${command ?? 'missing'}`);
  return words.slice(1);
}

function runChild(args: string[], env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((settle) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' });
    // Ctrl-C reaches the child through the terminal's process group; it stops its own servers.
    const ignore = (): void => undefined;
    process.on('SIGINT', ignore);
    child.once('error', (error) => settle(`could not start: ${error.message}`));
    child.once('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      settle(code === 0 ? undefined : `exited with ${code ?? signal}`);
    });
  });
}

function readResults(file: string): BenchResult[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as BenchResult);
}

/** Three significant digits at most, thousands separated: 613,874 / 45.2 / 6.62 / 0.0193. */
function number(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '-';
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : magnitude >= 0.01 ? 3 : 4;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]): string =>
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join(' | ')
      .trimEnd();
  return [
    line(rows[0]),
    widths.map((width) => '-'.repeat(width)).join('-|-'),
    ...rows.slice(1).map(line),
  ].join('\n');
}

async function postgresVersion(): Promise<string> {
  try {
    const { postgres } = await findPostgresBinaries();
    return await new Promise((settle) => {
      const child = spawn(postgres, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('error', () => settle('unknown'));
      child.once('exit', () => settle(out.trim().replace(/^postgres \(PostgreSQL\) /, '') || 'unknown'));
    });
  } catch {
    return 'not found';
  }
}

async function main(): Promise<void> {
  const smoke = isSmoke();
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '').split(',') : undefined;
  const selected = BENCHMARKS.filter((bench) => !only || only.includes(bench.name));
  if (selected.length === 0)
    throw new Error(`--only names none of ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  const scripts = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;

  const started = new Date();
  let file = process.env[RESULTS_FILE_ENV];
  if (!file) {
    const dir = join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    file = join(dir, `bench-${started.toISOString().replace(/[:.]/g, '-')}${smoke ? '-smoke' : ''}.jsonl`);
  }
  writeFileSync(file, '', { flag: 'a' });
  const earlier = readResults(file).length;
  const env = { ...process.env, [RESULTS_FILE_ENV]: file, ...(smoke ? { BENCH_SMOKE: '1' } : {}) };

  const outcomes: Outcome[] = [];
  for (const bench of selected) {
    const args = [...scriptArgs(scripts, bench.script), ...(smoke ? ['--smoke'] : [])];
    console.log(`\n=== ${bench.name}: npm run ${bench.script}${smoke ? ' -- --smoke' : ''} ===`);
    const before = readResults(file).length;
    const t0 = Date.now();
    let failure = await runChild(args, env);
    if (!failure && readResults(file).length === before) failure = 'recorded no figures';
    outcomes.push({ name: bench.name, seconds: (Date.now() - t0) / 1000, failure });
  }

  const results = readResults(file).slice(earlier);
  const cpu = cpus();
  const mem = `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`;
  console.log(
    `\n=== Carryover benchmarks${smoke ? ' (smoke run: sizes too small for the figures to mean anything)' : ''} ===`,
  );
  console.log(
    `date ${started.toISOString()}; ${cpu.length} cores ${cpu[0]?.model ?? '?'}, ${mem}; node ${process.version}; ` +
      `PostgreSQL ${await postgresVersion()}`,
  );
  console.log(`figures: ${file}\n`);
  const rows = [['benchmark', 'figure', 'value', 'reference', 'ratio', 'target', 'met']];
  for (const result of results) {
    rows.push([
      result.benchmark,
      result.figure,
      `${number(result.value)} ${result.unit}`,
      result.reference === null ? '-' : `${result.reference}: ${number(result.referenceValue)}`,
      number(result.ratio),
      result.target ?? '-',
      result.met === null ? '-' : result.met ? 'yes' : 'NO',
    ]);
  }
  console.log(table(rows));
  console.log(
    `\n${outcomes.map((o) => `${o.name} ${o.seconds.toFixed(0)} s${o.failure ? ` (CRASHED: ${o.failure})` : ''}`).join(', ')}`,
  );
  const crashed = outcomes.filter((outcome) => outcome.failure);
  if (crashed.length > 0) {
    console.error(`crashed: ${crashed.map((outcome) => `${outcome.name} (${outcome.failure})`).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
