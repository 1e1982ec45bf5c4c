import { useState, type ReactNode } from 'react';
import { Button, Card, Group, ScrollArea, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  PageHeader,
  PagedTable,
  QueryState,
  StatusBadge,
  formatDateTime,
  formatMoney,
  humanize,
  useLocalPages,
  type Column,
} from '@carryover/web-ui';
import { useOperatorApi } from '../../api/use-operator-api';
import type { Policy, Provider } from '../../api/types';
import { PolicyForm } from './policy-form';

const list = (values: string[]) => (values.length === 0 ? '—' : values.map(humanize).join(', '));

const ROWS: { label: string; show(p: Policy): ReactNode; text(p: Policy): string }[] = [
  { label: 'Resale', show: (p) => <StatusBadge status={p.resale} />, text: (p) => p.resale },
  { label: 'Transfer methods', show: (p) => list(p.transferMethods), text: (p) => p.transferMethods.join() },
  { label: 'Min. days to expiry', show: (p) => p.minDaysToExpiry, text: (p) => String(p.minDaysToExpiry) },
  {
    label: 'Resaleable sources',
    show: (p) => list(p.resaleableSources),
    text: (p) => p.resaleableSources.join(),
  },
  {
    label: 'Same legal entity only',
    show: (p) => (p.buyerEligibility.sameLegalEntityOnly ? 'yes' : 'no'),
    text: (p) => String(p.buyerEligibility.sameLegalEntityOnly),
  },
  {
    label: 'Buyer regions',
    show: (p) => p.buyerEligibility.regions?.join(', ') ?? 'any',
    text: (p) => String(p.buyerEligibility.regions),
  },
  {
    label: 'Largest lot without review',
    show: (p) =>
      p.maxLotFaceValueMinor === null ? 'no maximum' : formatMoney(p.maxLotFaceValueMinor, 'USD'),
    text: (p) => String(p.maxLotFaceValueMinor),
  },
  { label: 'Notes', show: (p) => p.notes, text: (p) => p.notes },
  { label: 'Source', show: (p) => p.sourceUrl ?? '—', text: (p) => String(p.sourceUrl) },
  { label: 'Created', show: (p) => formatDateTime(p.createdAt), text: () => '' },
];

/** Versions side by side, newest on the left; a cell that differs from the version before it is marked. */
function PolicyVersions({ provider }: { provider: Provider }) {
  const api = useOperatorApi();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const query = useQuery({
    queryKey: ['policies', provider.code],
    queryFn: () => api.policies(provider.code),
  });
  return (
    <Card withBorder>
      <QueryState query={query} empty={{ title: 'No policy versions' }} isEmpty={(v) => v.length === 0}>
        {(versions) => {
          const shown = versions.slice(0, 4);
          return (
            <Stack>
              <Group justify="space-between">
                <Text fw={600}>
                  {provider.name}: {versions.length} version{versions.length === 1 ? '' : 's'}
                  {versions.length > shown.length ? ` (newest ${shown.length} shown)` : ''}
                </Text>
                <Button onClick={() => setEditing(true)}>Edit policy…</Button>
              </Group>
              <ScrollArea>
                <Table withColumnBorders aria-label={`${provider.name} policy versions`}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th />
                      {shown.map((p) => (
                        <Table.Th key={p.version}>Version {p.version}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {ROWS.map((row) => (
                      <Table.Tr key={row.label}>
                        <Table.Td>
                          <Text size="sm" c="dimmed">
                            {row.label}
                          </Text>
                        </Table.Td>
                        {shown.map((p, index) => {
                          const older = versions[index + 1];
                          const changed = older !== undefined && row.text(older) !== row.text(p);
                          return (
                            <Table.Td key={p.version} bg={changed ? 'yellow.0' : undefined}>
                              <Text size="sm">{row.show(p)}</Text>
                            </Table.Td>
                          );
                        })}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea>
              {editing && versions[0] && (
                <PolicyForm
                  providerName={provider.name}
                  current={versions[0]}
                  onClose={() => setEditing(false)}
                  onSave={async (body) => {
                    const saved = await api.replacePolicy(provider.code, body);
                    notifications.show({
                      color: 'green',
                      message: `${provider.name} policy version ${saved.version} saved.`,
                    });
                    await queryClient.invalidateQueries({ queryKey: ['policies', provider.code] });
                    await queryClient.invalidateQueries({ queryKey: ['providers'] });
                  }}
                />
              )}
            </Stack>
          );
        }}
      </QueryState>
    </Card>
  );
}

export function ProvidersPage() {
  const api = useOperatorApi();
  const [selected, setSelected] = useState<string | null>(null);
  const providers = useQuery({ queryKey: ['providers'], queryFn: api.providers });
  const pager = useLocalPages(providers, 10);
  const provider = providers.data?.find((p) => p.code === selected);

  const columns: Column<Provider>[] = [
    {
      key: 'name',
      header: 'Provider',
      render: (p) => (
        <Text size="sm" fw={500}>
          {p.name}
        </Text>
      ),
    },
    {
      key: 'code',
      header: 'Code',
      render: (p) => (
        <Text size="sm" ff="monospace">
          {p.code}
        </Text>
      ),
    },
    { key: 'currencies', header: 'Currencies', render: (p) => p.currencies.join(', ') },
    { key: 'resale', header: 'Resale', render: (p) => <StatusBadge status={p.policy.resale} /> },
    { key: 'version', header: 'Policy version', align: 'right', render: (p) => p.policy.version },
  ];

  return (
    <Stack>
      <PageHeader
        title="Provider policies"
        description="Each provider’s resale terms. Edits create a new version; trades keep citing the version they were checked against."
        actions={
          <Select
            aria-label="Provider"
            placeholder="Choose a provider"
            data={(providers.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
            value={selected}
            onChange={setSelected}
          />
        }
      />
      <PagedTable
        label="Providers"
        pager={pager}
        columns={columns}
        rowKey={(p) => p.code}
        onRowClick={(p) => setSelected(p.code)}
        empty={{ title: 'No providers', description: 'Providers are seeded by the migrations.' }}
      />
      {provider && <PolicyVersions key={provider.code} provider={provider} />}
    </Stack>
  );
}
