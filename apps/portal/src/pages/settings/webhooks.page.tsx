import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ApiError,
  ErrorState,
  LoadingState,
  PageHeader,
  PagedTable,
  StatusBadge,
  formatDateTime,
  newIdempotencyKey,
  showProblemOnForm,
  useCursorPages,
  type Column,
} from '@carryover/web-ui';
import { WEBHOOK_EVENTS, type WebhookEndpoint } from '../../api/types';
import { usePermissions, usePortalApi } from '../../api/use-portal-api';
import { ConfirmButton } from '../../components/confirm-button';
import { SecretOnce } from '../../components/secret-once';
import { AdminOnly } from './admin-only';

function CreateEndpoint({ onCreated }: { onCreated(secret: string): void }) {
  const api = usePortalApi();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const form = useForm({
    initialValues: { url: '', events: ['trade.matched', 'trade.funded', 'trade.settled'] as string[] },
    validate: {
      url: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? null : 'Enter the http(s) address of your receiver'),
      events: (v) => (v.length > 0 ? null : 'Choose at least one event'),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFailure(null);
    try {
      const created = await api.createWebhookEndpoint(
        { url: values.url.trim(), events: values.events },
        idempotencyKey,
      );
      setIdempotencyKey(newIdempotencyKey());
      form.reset();
      onCreated(created.secret);
      await queryClient.invalidateQueries({ queryKey: ['webhook-endpoints'] });
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) setIdempotencyKey(newIdempotencyKey());
      setFailure(showProblemOnForm(form, error, {}, ['url', 'events']));
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Add a webhook endpoint">
      <Stack>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <TextInput
          label="Receiver URL"
          placeholder="https://hooks.example.com/carryover"
          required
          {...form.getInputProps('url')}
        />
        <Checkbox.Group label="Events" required {...form.getInputProps('events')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt={6} spacing={6}>
            {WEBHOOK_EVENTS.map((event) => (
              <Checkbox key={event} value={event} label={event} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            Add endpoint
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Deliveries({ endpoint }: { endpoint: WebhookEndpoint }) {
  const api = usePortalApi();
  const deliveries = useQuery({
    queryKey: ['webhook-deliveries', endpoint.id],
    queryFn: () => api.webhookDeliveries(endpoint.id),
  });
  if (deliveries.isLoading) return <LoadingState rows={2} />;
  if (deliveries.error)
    return <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />;
  const rows = deliveries.data?.data ?? [];
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Nothing delivered yet.
      </Text>
    );
  return (
    <Table verticalSpacing={2} aria-label="Deliveries">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Event</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Attempts</Table.Th>
          <Table.Th>Last answer</Table.Th>
          <Table.Th>Created</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>{d.event}</Table.Td>
            <Table.Td>
              <StatusBadge status={d.status} />
            </Table.Td>
            <Table.Td>{d.attempts}</Table.Td>
            <Table.Td>{d.responseStatus ?? d.lastError ?? '—'}</Table.Td>
            <Table.Td>{formatDateTime(d.createdAt)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Signed POSTs to the firm's systems when its trades, listings and orders move. */
export function WebhooksPage() {
  const api = usePortalApi();
  const { isAdmin } = usePermissions();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const pager = useCursorPages(['webhook-endpoints'], (cursor) => api.webhookEndpoints(cursor), {
    enabled: isAdmin,
  });
  const columns: Column<WebhookEndpoint>[] = [
    {
      key: 'url',
      header: 'Receiver',
      render: (e) => (
        <Stack gap={4}>
          <Text size="sm" ff="monospace">
            {e.url}
          </Text>
          {openId === e.id && <Deliveries endpoint={e} />}
        </Stack>
      ),
    },
    {
      key: 'events',
      header: 'Events',
      render: (e) => (
        <Group gap={4}>
          {e.events.map((event) => (
            <Badge key={event} size="xs" variant="outline">
              {event}
            </Badge>
          ))}
        </Group>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      render: (e) => (
        <Stack gap={0}>
          <Badge color={e.status === 'active' ? 'green' : 'red'} variant="light">
            {e.status}
          </Badge>
          {e.disabledReason && (
            <Text size="xs" c="red">
              {e.disabledReason}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'actions',
      header: '',
      render: (e) => (
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" onClick={() => setOpenId(openId === e.id ? null : e.id)}>
            {openId === e.id ? 'Hide deliveries' : 'Deliveries'}
          </Button>
          <ConfirmButton
            label="Delete"
            title="Delete this endpoint?"
            consequence="Nothing more is sent to it; deliveries still waiting are given up."
            confirmLabel="Delete"
            done="Endpoint deleted."
            onConfirm={async () => {
              await api.deleteWebhookEndpoint(e.id);
              await queryClient.invalidateQueries({ queryKey: ['webhook-endpoints'] });
            }}
          />
        </Group>
      ),
    },
  ];
  return (
    <Stack>
      <PageHeader
        title="Webhooks"
        description="Carryover POSTs each event to your receiver, signed with the endpoint’s secret (Carryover-Signature), and retries until it answers 2xx."
      />
      <AdminOnly what="webhooks">
        {secret && (
          <SecretOnce title="The endpoint’s signing secret" secret={secret} onDone={() => setSecret(null)} />
        )}
        <Card withBorder>
          <Title order={4} mb="sm">
            Add an endpoint
          </Title>
          <CreateEndpoint onCreated={setSecret} />
        </Card>
        <PagedTable
          label="Webhook endpoints"
          pager={pager}
          columns={columns}
          rowKey={(e) => e.id}
          empty={{
            title: 'No endpoints yet',
            description: 'Add one to have your systems told about every trade step.',
          }}
        />
      </AdminOnly>
    </Stack>
  );
}
