import { existsSync, readFileSync } from 'node:fs';

/**
 * Reads `KEY=VALUE` lines from a .env file into `env`, never overriding a variable that is already set.
 * Supports comments, `export KEY=...`, and single or double quotes. Returns the keys it set.
 */
export function loadEnvFile(file: string, env: NodeJS.ProcessEnv = process.env): string[] {
  if (!existsSync(file)) return [];
  const loaded: string[] = [];
  for (const raw of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!match || raw.trimStart().startsWith('#')) continue;
    const [, key, value] = match as unknown as [string, string, string];
    if (env[key] !== undefined) continue;
    env[key] = unquote(value);
    loaded.push(key);
  }
  return loaded;
}

function unquote(value: string): string {
  const quote = value[0];
  if (quote === '"' || quote === "'") {
    const end = value.indexOf(quote, 1);
    if (end > 0) {
      const inner = value.slice(1, end);
      return quote === '"' ? inner.replace(/\\n/g, '\n') : inner;
    }
  }
  return value.replace(/\s+#.*$/, '');
}
