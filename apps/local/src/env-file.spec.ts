import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvFile } from './env-file';

describe('loadEnvFile', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'env-file-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads plain, exported, quoted and commented values without overriding set variables', () => {
    const file = join(dir, '.env');
    writeFileSync(
      file,
      [
        '# a comment',
        'PLAIN=postgres://u:p@h:5432/db?sslmode=require',
        'export EXPORTED=yes',
        'DOUBLE="two words # not a comment"',
        "SINGLE='a\\nb'",
        'TRAILING=value # a comment',
        'EMPTY=',
        'ALREADY=from-file',
        'not a variable line',
      ].join('\n'),
    );
    const env: NodeJS.ProcessEnv = { ALREADY: 'from-shell' };

    const loaded = loadEnvFile(file, env);

    expect(env).toEqual({
      PLAIN: 'postgres://u:p@h:5432/db?sslmode=require',
      EXPORTED: 'yes',
      DOUBLE: 'two words # not a comment',
      SINGLE: 'a\\nb',
      TRAILING: 'value',
      EMPTY: '',
      ALREADY: 'from-shell',
    });
    expect(loaded).not.toContain('ALREADY');
  });

  it('does nothing when the file is absent', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadEnvFile(join(dir, 'missing.env'), env)).toEqual([]);
    expect(env).toEqual({});
  });
});
