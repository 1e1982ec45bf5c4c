import { useQuery } from '@tanstack/react-query';
import type { Provider } from './types';
import { usePortalApi } from './use-portal-api';

/** The providers and their current policies, and a name for a provider code. */
export function useProviders() {
  const api = usePortalApi();
  const query = useQuery({ queryKey: ['providers'], queryFn: api.providers, staleTime: 5 * 60_000 });
  const byCode = new Map<string, Provider>((query.data ?? []).map((p) => [p.code, p]));
  return { query, byCode, name: (code: string) => byCode.get(code)?.name ?? code };
}
