import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearLeftoverServer } from './processes';

describe('clearLeftoverServer', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'devstack-processes-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const leftover = (pidFile: string) => ({
    pidFile,
    command: 'postgres',
    signal: 'SIGINT' as const,
    label: 'x',
  });

  it('does nothing without a pid file', async () => {
    await expect(clearLeftoverServer(leftover(join(dir, 'postmaster.pid')))).resolves.toBeUndefined();
  });

  it('removes a pid file whose process is gone or is not the server', async () => {
    const pidFile = join(dir, 'postmaster.pid');
    // Our own pid is alive but is not a postgres process: a pid reused after a crash.
    for (const pid of [2 ** 22 + 1, process.pid]) {
      writeFileSync(pidFile, `${pid}\n${dir}\n`);
      await expect(clearLeftoverServer(leftover(pidFile))).resolves.toContain('removed the stale pid file');
      expect(existsSync(pidFile)).toBe(false);
    }
  });
});
