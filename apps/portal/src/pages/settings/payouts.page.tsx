import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { PageHeader, QueryState, describeError } from '@carryover/web-ui';
import { usePermissions, usePortalApi } from '../../api/use-portal-api';

const STATUS = {
  not_started: {
    color: 'gray',
    label: 'Not set up',
    text: 'Your firm cannot be paid for sales until payouts are set up.',
  },
  pending: {
    color: 'yellow',
    label: 'Waiting for Stripe',
    text: 'Stripe is checking the details you gave. Sales settle once it enables payouts; nothing is lost meanwhile.',
  },
  enabled: {
    color: 'green',
    label: 'Enabled',
    text: 'Proceeds of settled sales are paid to your bank account through Stripe.',
  },
} as const;

/** Where sale proceeds go: the firm's Stripe Connect account, set up by an administrator. */
export function PayoutsPage() {
  const api = usePortalApi();
  const { isAdmin } = usePermissions();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const status = useQuery({ queryKey: ['payouts'], queryFn: api.payouts, refetchInterval: 10_000 });
  const returned = params.get('onboarding');
  const start = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const { url } = await api.startPayoutOnboarding();
      window.location.assign(url);
    } catch (error) {
      setFailure(describeError(error));
      setBusy(false);
    }
  };
  return (
    <Stack>
      <PageHeader
        title="Payouts"
        description="Sellers are paid through Stripe Connect: proceeds of a settled sale go to your firm’s bank account."
      />
      {returned === 'return' && (
        <Alert color="blue">
          Welcome back from Stripe. The status below updates as Stripe checks your details.
        </Alert>
      )}
      {returned === 'refresh' && (
        <Alert color="yellow">That Stripe link had expired. Start again to get a fresh one.</Alert>
      )}
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}
      <QueryState query={status}>
        {(s) => {
          const view = STATUS[s.status];
          return (
            <Card withBorder>
              <Stack>
                <Group>
                  <Text fw={600}>Payouts</Text>
                  <Badge
                    color={view.color}
                    variant="light"
                    data-testid="payout-status"
                    data-status={s.status}
                  >
                    {view.label}
                  </Badge>
                </Group>
                <Text size="sm">{view.text}</Text>
                {s.status !== 'enabled' &&
                  (isAdmin ? (
                    <Group>
                      <Button onClick={() => void start()} loading={busy}>
                        {s.status === 'not_started' ? 'Set up payouts with Stripe' : 'Continue with Stripe'}
                      </Button>
                    </Group>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Your firm’s administrator sets this up.
                    </Text>
                  ))}
              </Stack>
            </Card>
          );
        }}
      </QueryState>
    </Stack>
  );
}
