import { readFileSync, writeFileSync } from 'node:fs';
import { findFreePort, isPortFree } from './free-port';

/** Where a persistent server remembers its port: next to its directory, e.g. .local/postgres.port. */
export function portFileFor(dir: string): string {
  return `${dir.replace(/\/+$/, '')}.port`;
}

/**
 * The port to start on: the remembered one when it is still free (so URLs stay stable across runs),
 * otherwise a fresh free port.
 */
export async function choosePort(portFile: string | undefined): Promise<number> {
  const remembered = portFile ? readRememberedPort(portFile) : undefined;
  if (remembered !== undefined && (await isPortFree(remembered, '127.0.0.1'))) return remembered;
  return findFreePort();
}

export function rememberPort(portFile: string, port: number): void {
  writeFileSync(portFile, `${port}\n`);
}

function readRememberedPort(portFile: string): number | undefined {
  try {
    const port = Number(readFileSync(portFile, 'utf8').trim());
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
  } catch {
    return undefined;
  }
}

/** True when a server's log says it lost the race for its port to another process. */
export function lostPortRace(log: string): boolean {
  return /address already in use|could not bind/i.test(log);
}
