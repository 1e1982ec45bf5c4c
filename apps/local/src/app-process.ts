import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export interface AppExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface AppProcess {
  exited: Promise<AppExit>;
  /** SIGTERM (the apps close queues and pools on it), SIGKILL after `timeoutMs`. Idempotent. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface AppSpawnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** prefix each output line with `[name] `; otherwise pass output straight through */
  prefixOutput: boolean;
}

/**
 * Runs `node <script> ...args` in its own process group, so a terminal Ctrl-C reaches only `npm run local`,
 * which then stops the children in order, exactly once.
 */
export function startApp(name: string, script: string, args: string[], options: AppSpawnOptions): AppProcess {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', options.prefixOutput ? 'pipe' : 'inherit', options.prefixOutput ? 'pipe' : 'inherit'],
  });
  if (options.prefixOutput) {
    prefixLines(child.stdout, process.stdout, `[${name}] `);
    prefixLines(child.stderr, process.stderr, `[${name}] `);
  }
  let done = false;
  const exited = new Promise<AppExit>((resolve) => {
    child.once('error', (error) => {
      process.stderr.write(`[${name}] could not start: ${error.message}\n`);
      done = true;
      resolve({ code: null, signal: null });
    });
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  let stopping: Promise<void> | undefined;
  const stop = (timeoutMs = 15_000): Promise<void> =>
    (stopping ??= (async () => {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    })());
  return { exited, stop };
}

function prefixLines(input: Readable | null, output: Writable, prefix: string): void {
  if (!input) return;
  createInterface({ input, crlfDelay: Infinity }).on('line', (line) => output.write(`${prefix}${line}\n`));
}
