import { readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DevstackError } from './devstack-error';

/** True for a running process; a zombie (exited, not yet reaped by its new parent) counts as gone. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return processState(pid) !== 'Z';
}

function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

export async function waitForProcessExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

export interface LeftoverServer {
  /** pid file the server wrote (first line holds the pid) */
  pidFile: string;
  /** what the server's command line contains, e.g. "postgres" */
  command: string;
  /** signal that makes the server shut down cleanly */
  signal: NodeJS.Signals;
  label: string;
}

/**
 * Clears what a killed previous run left behind in a persistent directory: a stale pid file is removed, and a
 * server orphaned by a killed parent is shut down cleanly. A server still owned by a live Node process (another
 * running stack) is left alone and reported.
 * @returns a line describing what was done, or undefined when there was nothing to do
 */
export async function clearLeftoverServer(leftover: LeftoverServer): Promise<string | undefined> {
  let pid: number;
  try {
    pid = Number(readFileSync(leftover.pidFile, 'utf8').split('\n')[0]?.trim());
  } catch {
    return undefined;
  }
  if (
    !Number.isInteger(pid) ||
    pid <= 0 ||
    !isProcessAlive(pid) ||
    !commandLine(pid).includes(leftover.command)
  ) {
    rmSync(leftover.pidFile, { force: true });
    return `removed the stale pid file ${leftover.pidFile}`;
  }
  const ppid = parentPid(pid);
  if (ppid !== undefined && ppid > 1 && /\bnode\b/.test(commandLine(ppid))) {
    throw new DevstackError(
      `${leftover.label} is already running for another process (server pid ${pid}, started by pid ${ppid}); stop that one first`,
    );
  }
  process.kill(pid, leftover.signal);
  if (!(await waitForProcessExit(pid, 30_000))) {
    throw new DevstackError(
      `a leftover ${leftover.label} (pid ${pid}) did not stop within 30s; stop it by hand`,
    );
  }
  return `stopped a leftover ${leftover.label} (pid ${pid}) from a previous run`;
}
