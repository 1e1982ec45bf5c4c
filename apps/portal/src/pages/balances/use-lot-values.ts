import { useQueries } from '@tanstack/react-query';
import { daysUntil, useNow } from '@carryover/web-ui';
import type { CreditLot } from '../../api/types';
import { useClientConfig, usePortalApi } from '../../api/use-portal-api';
import { lotValue, marketPriceFor, type LotValue } from '../../domain/market-value';

/** Each lot's value at today's market: its provider's book and recent trades, once per provider. */
export function useLotValues(lots: CreditLot[] | undefined): {
  values: Map<string, LotValue>;
  feeBps: number | undefined;
  loading: boolean;
} {
  const api = usePortalApi();
  const config = useClientConfig();
  const now = useNow(60_000);
  const markets = [
    ...new Map((lots ?? []).map((lot) => [`${lot.providerCode}:${lot.currency}`, lot])).values(),
  ];
  const books = useQueries({
    queries: markets.map((lot) => ({
      queryKey: ['book', lot.providerCode, lot.currency],
      queryFn: () => api.book(lot.providerCode, lot.currency),
      staleTime: 30_000,
    })),
  });
  const trades = useQueries({
    queries: markets.map((lot) => ({
      queryKey: ['market-trades', lot.providerCode],
      queryFn: () => api.marketTrades(lot.providerCode),
      staleTime: 30_000,
    })),
  });
  const feeBps = config.data?.platformFeeBps;
  const values = new Map<string, LotValue>();
  if (feeBps !== undefined) {
    for (const lot of lots ?? []) {
      const index = markets.findIndex(
        (m) => m.providerCode === lot.providerCode && m.currency === lot.currency,
      );
      // Prices are fractions of face value, so trades in any currency of the provider are a reference.
      const price = marketPriceFor(daysUntil(lot.expiresAt, now), books[index]?.data, trades[index]?.data);
      values.set(lot.id, lotValue(lot, price, feeBps, now));
    }
  }
  const loading = config.isLoading || books.some((q) => q.isLoading) || trades.some((q) => q.isLoading);
  return { values, feeBps, loading };
}
