import { Anchor, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useParams } from 'react-router';
import { EmptyState, PageHeader, QueryState, formatMoney } from '@carryover/web-ui';
import { useProviders } from '../../api/use-providers';
import { useClientConfig, usePermissions, usePortalApi } from '../../api/use-portal-api';
import { SellForm } from './sell-form';

/** List a balance for sale at a fixed price or a schedule that follows the days to expiry. */
export function SellPage() {
  const { lotId = '' } = useParams();
  const api = usePortalApi();
  const { canTrade } = usePermissions();
  const providers = useProviders();
  const config = useClientConfig();
  const lot = useQuery({ queryKey: ['lot', lotId], queryFn: () => api.lot(lotId) });
  if (!canTrade) return <Navigate to={`/credit-lots/${lotId}`} replace />;
  return (
    <Stack>
      <Anchor component={Link} to={`/credit-lots/${lotId}`} size="sm">
        ← The balance
      </Anchor>
      <QueryState query={lot}>
        {(l) => (
          <Stack>
            <PageHeader
              title={`Sell ${providers.name(l.providerCode)} credit`}
              description={`${l.accountReference} · ${formatMoney(l.availableMinor, l.currency)} available of ${formatMoney(l.faceValueMinor, l.currency)}`}
            />
            {l.status !== 'verified' || l.availableMinor === 0 ? (
              <EmptyState
                title={l.status !== 'verified' ? 'This balance cannot be sold yet' : 'Nothing left to list'}
                description={
                  l.status !== 'verified'
                    ? 'Carryover has to verify it first.'
                    : 'All of this balance is sold or already listed.'
                }
              />
            ) : (
              <QueryState query={config}>{(c) => <SellForm lot={l} feeBps={c.platformFeeBps} />}</QueryState>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
