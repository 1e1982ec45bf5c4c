import { useState } from 'react';
import { Alert, Button, Card, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import {
  ApiError,
  PageHeader,
  PagedTable,
  formatDateTime,
  newIdempotencyKey,
  showProblemOnForm,
  useCursorPages,
  type Column,
} from '@carryover/web-ui';
import type { ApiKey, OrganizationRole } from '../../api/types';
import { usePermissions, usePortalApi } from '../../api/use-portal-api';
import { ConfirmButton } from '../../components/confirm-button';
import { SecretOnce } from '../../components/secret-once';
import { ROLE_LABEL } from '../../domain/words';
import { AdminOnly } from './admin-only';

function CreateKey({ onCreated }: { onCreated(key: string): void }) {
  const api = usePortalApi();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const form = useForm({
    initialValues: { name: '', role: 'trader' as OrganizationRole },
    validate: { name: (v) => (v.trim() ? null : 'Name the key after what uses it') },
  });
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFailure(null);
    try {
      const created = await api.createApiKey({ name: values.name.trim(), role: values.role }, idempotencyKey);
      setIdempotencyKey(newIdempotencyKey());
      form.reset();
      onCreated(created.key);
      await queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) setIdempotencyKey(newIdempotencyKey());
      setFailure(showProblemOnForm(form, error, {}, ['name', 'role']));
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Create an API key">
      <Stack>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Group align="flex-start" grow>
          <TextInput
            label="Name"
            placeholder="e.g. treasury-integration"
            required
            {...form.getInputProps('name')}
          />
          <Select
            label="Acts as"
            data={(['viewer', 'trader', 'org_admin'] as const).map((r) => ({
              value: r,
              label: ROLE_LABEL[r] ?? r,
            }))}
            allowDeselect={false}
            {...form.getInputProps('role')}
          />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            Create key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Keys for the firm's own systems to call the API; the secret is shown once, a revoked key stops at once. */
export function ApiKeysPage() {
  const api = usePortalApi();
  const queryClient = useQueryClient();
  const { isAdmin } = usePermissions();
  const [secret, setSecret] = useState<string | null>(null);
  const pager = useCursorPages(['api-keys'], (cursor) => api.apiKeys(cursor), { enabled: isAdmin });
  const columns: Column<ApiKey>[] = [
    { key: 'name', header: 'Name', render: (k) => k.name },
    {
      key: 'prefix',
      header: 'Starts with',
      render: (k) => (
        <Text ff="monospace" size="sm">
          {k.prefix}…
        </Text>
      ),
    },
    { key: 'role', header: 'Acts as', render: (k) => ROLE_LABEL[k.role] ?? k.role },
    { key: 'created', header: 'Created', render: (k) => formatDateTime(k.createdAt) },
    {
      key: 'used',
      header: 'Last used',
      render: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'never'),
    },
    {
      key: 'revoke',
      header: '',
      render: (k) =>
        k.revokedAt ? (
          <Text size="sm" c="dimmed">
            revoked {formatDateTime(k.revokedAt)}
          </Text>
        ) : (
          <ConfirmButton
            label="Revoke"
            title={`Revoke ${k.name}?`}
            consequence="Anything using this key stops working immediately."
            confirmLabel="Revoke"
            done="Key revoked."
            onConfirm={async () => {
              await api.revokeApiKey(k.id);
              await queryClient.invalidateQueries({ queryKey: ['api-keys'] });
            }}
          />
        ),
    },
  ];
  return (
    <Stack>
      <PageHeader
        title="API keys"
        description="For your firm’s own systems: each key acts for the firm with the role you give it."
      />
      <AdminOnly what="API keys">
        {secret && <SecretOnce title="Your new API key" secret={secret} onDone={() => setSecret(null)} />}
        <Card withBorder>
          <CreateKey onCreated={setSecret} />
        </Card>
        <PagedTable
          label="API keys"
          pager={pager}
          columns={columns}
          rowKey={(k) => k.id}
          empty={{ title: 'No API keys yet' }}
        />
      </AdminOnly>
    </Stack>
  );
}
