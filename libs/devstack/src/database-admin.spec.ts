import { createDatabase, databaseUrl, dropDatabase } from './database-admin';

describe('database administration', () => {
  it('points a server URL at another database, keeping credentials and parameters', () => {
    expect(
      databaseUrl('postgres://app:s3cret@db.internal:6432/postgres?sslmode=require', 'carryover_test_ab12'),
    ).toBe('postgres://app:s3cret@db.internal:6432/carryover_test_ab12?sslmode=require');
  });

  it.each(['Carryover', 'drop"me', 'a b', ''])(
    'refuses the database name %j before connecting',
    async (name) => {
      // Port 1 is never a Postgres server: a connection attempt would fail differently.
      const admin = 'postgres://postgres@127.0.0.1:1/postgres';
      await expect(createDatabase(admin, name)).rejects.toThrow('invalid database name');
      await expect(dropDatabase(admin, name)).rejects.toThrow('invalid database name');
    },
  );
});
