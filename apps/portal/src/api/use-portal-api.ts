import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useApi, useSession } from '@carryover/web-ui';
import { portalApi, type PortalApi } from './portal-api';

export function usePortalApi(): PortalApi {
  const api = useApi();
  return useMemo(() => portalApi(api), [api]);
}

/** What the signed-in member may do: a viewer reads; a trader also sells, buys and pays; an org_admin manages. */
export function usePermissions() {
  const { session } = useSession();
  const role = session?.user.role;
  return {
    role,
    canTrade: role === 'trader' || role === 'org_admin',
    isAdmin: role === 'org_admin',
  };
}

/** The deployment's fee and payment mode; fetched once, without a session. */
export function useClientConfig() {
  const api = usePortalApi();
  return useQuery({ queryKey: ['client-config'], queryFn: api.clientConfig, staleTime: Infinity });
}
