import { createDataSource } from './data-source';

// Entry point for `npm run migration:*` only; the apps read DATABASE_URL through their validated config.
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL is not set: point it at the database to migrate (see .env.example).');
}

export default createDataSource({ url, applicationName: 'carryover-migration-cli', logging: true });
