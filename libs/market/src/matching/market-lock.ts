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

/** One string per market, for in-process maps: `<providerCode>:<currency>`. */
export function marketKey(market: Market): string {
  return `${market.providerCode}:${market.currency}`;
}

export function parseMarketKey(key: string): Market {
  const at = key.lastIndexOf(':');
  return { providerCode: key.slice(0, at), currency: key.slice(at + 1) };
}
