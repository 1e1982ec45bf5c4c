import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { DevstackError } from './devstack-error';
import { runCommand } from './managed-process';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** major version, e.g. 15 */
  major: number;
}

const DEBIAN_ROOT = '/usr/lib/postgresql';

/** Finds initdb and postgres: the newest /usr/lib/postgresql/<major>/bin, then PATH. */
export async function findPostgresBinaries(): Promise<PostgresBinaries> {
  for (const dir of [...debianBinDirs(), ...(process.env.PATH ?? '').split(delimiter).filter(Boolean)]) {
    const initdb = join(dir, 'initdb');
    const postgres = join(dir, 'postgres');
    if (isExecutable(initdb) && isExecutable(postgres)) {
      return { initdb, postgres, major: await majorVersion(postgres) };
    }
  }
  throw new DevstackError(
    `PostgreSQL server binaries (initdb, postgres) not found in ${DEBIAN_ROOT}/*/bin or PATH: install them (apt-get install -y postgresql) or set DATABASE_URL (npm run local) / TEST_DATABASE_URL (npm test) to a running server`,
  );
}

function debianBinDirs(): string[] {
  try {
    return readdirSync(DEBIAN_ROOT)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a))
      .map((major) => join(DEBIAN_ROOT, major, 'bin'));
  } catch {
    return [];
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function majorVersion(postgres: string): Promise<number> {
  const { output } = await runCommand(postgres, ['--version']);
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(output);
  if (!match) throw new DevstackError(`could not read the version of ${postgres}: ${output.trim()}`);
  return Number(match[1]);
}
