import type { EntityManager } from 'typeorm';

export interface Market {
  providerCode: string;
  currency: string;
}

/**
 * Serialises matching, cancelling and expiring in one market for the rest of the transaction, across
 * every API and worker instance; different markets never wait for each other.
 */
export async function lockMarket(manager: EntityManager, market: Market): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    `market:${market.providerCode}:${market.currency}`,
  ]);
}

/**
 * Takes the locks of those markets that nobody holds, without waiting for any; returns the keys
 * (`marketKey`) of the markets now locked for the rest of the transaction. One statement.
 */
export async function tryLockMarkets(
  manager: EntityManager,
  markets: readonly Market[],
): Promise<Set<string>> {
  const rows = (await manager.query(
    `SELECT m.key FROM unnest($1::text[]) AS m(key)
      WHERE pg_try_advisory_xact_lock(hashtextextended('market:' || m.key, 0))`,
    [markets.map(marketKey)],
  )) as Array<{ key: string }>;
  return new Set(rows.map((row) => row.key));
}

/** One string per market, for in-process maps: `<providerCode>:<currency>`. */
export function marketKey(market: Market): string {
  return `${market.providerCode}:${market.currency}`;
}

export function parseMarketKey(key: string): Market {
  const at = key.lastIndexOf(':');
  return { providerCode: key.slice(0, at), currency: key.slice(at + 1) };
}
