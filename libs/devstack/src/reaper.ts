import { spawn } from 'node:child_process';

// Plain JavaScript run by `node -e`, so it works the same from ts-jest and from the compiled dist/.
const REAPER_SCRIPT = `
process.title = 'carryover-devstack-reaper';
const fs = require('node:fs');
const [parent, server, signal, ...dirs] = process.argv.slice(1).map((arg, i) => (i < 2 ? Number(arg) : arg));
const alive = (pid) => {
  try { process.kill(pid, 0); } catch (error) { if (error.code !== 'EPERM') return false; }
  try { const stat = fs.readFileSync('/proc/' + pid + '/stat', 'utf8'); return stat[stat.lastIndexOf(')') + 2] !== 'Z'; }
  catch { return true; }
};
const watch = setInterval(() => {
  if (!alive(server)) return clearInterval(watch);
  if (alive(parent)) return;
  clearInterval(watch);
  try { process.kill(server, signal); } catch {}
  const sweep = setInterval(() => {
    if (alive(server)) return;
    clearInterval(sweep);
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }, 200);
}, 500);
`;

/**
 * Watches a throwaway server on behalf of this process: if this process dies without stopping it (killed test
 * run), the watcher stops the server and removes its directories. It exits by itself once the server is gone.
 */
export function reapWithParent(serverPid: number | undefined, signal: NodeJS.Signals, dirs: string[]): void {
  if (serverPid === undefined) return;
  const watcher = spawn(
    process.execPath,
    ['-e', REAPER_SCRIPT, String(process.pid), String(serverPid), signal, ...dirs],
    { detached: true, stdio: 'ignore' },
  );
  watcher.on('error', () => {});
  watcher.unref();
}
