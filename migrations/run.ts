import { migrateDatabase } from './data-source';

// The compiled entry (dist/migrations/run.js) of the one-shot `migrate` service in docker-compose.yml.
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const applied = await migrateDatabase(url);
  if (applied.length === 0) console.log('migrations: schema is up to date');
  for (const name of applied) console.log(`migrations: applied ${name}`);
}

main().catch((error: unknown) => {
  console.error(`migrations failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
