import { Client } from 'pg';

const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The same server URL pointing at another database (credentials and query parameters kept). */
export function databaseUrl(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** Creates the database; fails if it exists. */
export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const identifier = quoted(name);
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${identifier}`));
}

/** Creates the database unless it exists; true when it was created. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<boolean> {
  const identifier = quoted(name);
  return withAdmin(adminUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE ${identifier}`);
    return true;
  });
}

/** Drops the database if it exists, disconnecting whoever is still using it. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const identifier = quoted(name);
  await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${identifier} WITH (FORCE)`));
}

function quoted(name: string): string {
  // Identifiers cannot be bound as parameters, so only plain lower-case names are accepted.
  if (!DATABASE_NAME.test(name)) throw new Error(`invalid database name: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

async function withAdmin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}
