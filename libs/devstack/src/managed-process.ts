import { spawn, type SpawnOptions } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

export interface ServerProcess {
  readonly pid: number | undefined;
  /** Settles when the process has exited, for whatever reason. */
  readonly exited: Promise<ExitStatus>;
  hasExited(): boolean;
  /** Sends `signal`, waits up to `timeoutMs`, then SIGKILLs. Safe to call more than once. */
  stop(signal: NodeJS.Signals, timeoutMs: number): Promise<void>;
}

export interface LoggedSpawnOptions {
  logFile: string;
  cwd: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  /** own process group, so a terminal Ctrl-C reaches only the parent, which then stops it in order */
  detached?: boolean;
}

/** Starts a long-running server with stdout and stderr appended to `logFile`, keeping the console quiet. */
export function spawnLogged(command: string, args: string[], options: LoggedSpawnOptions): ServerProcess {
  const log = openSync(options.logFile, 'a');
  let exitStatus: ExitStatus | undefined;
  let child;
  try {
    child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      uid: options.uid,
      gid: options.gid,
      detached: options.detached ?? false,
      stdio: ['ignore', log, log],
    } satisfies SpawnOptions);
  } finally {
    closeSync(log);
  }
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('error', (error) => {
      exitStatus = { code: null, signal: null, error };
      resolve(exitStatus);
    });
    child.once('exit', (code, signal) => {
      exitStatus = { code, signal };
      resolve(exitStatus);
    });
  });
  const hasExited = (): boolean => exitStatus !== undefined;
  return {
    pid: child.pid,
    exited,
    hasExited,
    async stop(signal, timeoutMs) {
      if (hasExited()) return;
      child.kill(signal);
      if (!(await settlesWithin(exited, timeoutMs))) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

export interface CommandResult {
  code: number | null;
  output: string;
}

/** Runs a short command to completion, capturing stdout and stderr together. */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {},
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.once('error', (error) => resolve({ code: null, output: error.message }));
    child.once('close', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** Waits for `promise` up to `ms`; the timer is cleared so it never holds the process open. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
