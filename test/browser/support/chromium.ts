import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** CHROMIUM_PATH, or Debian's Chromium where the package installs it. */
export function findChromium(): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return executable(configured) ? configured : undefined;
  return CANDIDATES.find(executable);
}

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/**
 * The browser the console tests drive: Debian's Chromium. When it is missing and this process is root
 * (a fresh CI machine), installs it with apt-get; otherwise fails saying what to install.
 */
export async function ensureChromium(): Promise<string> {
  const found = findChromium();
  if (found) return found;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || process.env.CHROMIUM_PATH) {
    throw new Error(
      'Chromium not found: install it (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary',
    );
  }
  process.stderr.write('Chromium is not installed; installing it with apt-get (once per machine)\n');
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const result = await run('apt-get', args);
    if (result.code !== 0) {
      const tail = result.output.trimEnd().split('\n').slice(-15).join('\n');
      throw new Error(`apt-get ${args.join(' ')} failed while installing Chromium:\n${tail}`);
    }
  }
  const installed = findChromium();
  if (!installed) throw new Error('apt-get installed chromium but /usr/bin/chromium is still missing');
  return installed;
}
