import type { DataSource } from 'typeorm';

/** A market's matcher lock held by the test in a transaction of its own, as a slow matcher would hold it. */
export interface HeldMarketLock {
  /** Backends waiting for exactly this market's lock right now. */
  waiters(): Promise<number>;
  /** Ends the holding transaction; safe to call twice. */
  release(): Promise<void>;
}

/** Takes the same advisory lock the matcher takes (see libs/market market-lock.ts) for `market:<code>:<currency>`. */
export async function holdMarketLock(
  db: DataSource,
  providerCode: string,
  currency = 'USD',
): Promise<HeldMarketLock> {
  const key = `market:${providerCode}:${currency}`;
  const holder = db.createQueryRunner();
  await holder.connect();
  try {
    await holder.startTransaction();
    await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [key]);
  } catch (error) {
    await holder.release();
    throw error;
  }
  let released = false;
  return {
    async waiters() {
      // pg_locks shows a bigint advisory key as its high half in classid and its low half in objid.
      const [row]: { waiting: number }[] = await db.query(
        `SELECT count(*)::int AS waiting
           FROM pg_locks, (SELECT hashtextextended($1, 0) AS k) key
          WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1
            AND classid::bigint = (key.k >> 32) & 4294967295 AND objid::bigint = key.k & 4294967295`,
        [key],
      );
      return row.waiting;
    },
    async release() {
      if (released) return;
      released = true;
      try {
        if (holder.isTransactionActive) await holder.commitTransaction();
      } finally {
        await holder.release();
      }
    },
  };
}
