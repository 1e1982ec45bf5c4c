import { useState } from 'react';
import { Badge, Button, Card, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import {
  PageHeader,
  PagedTable,
  ShortId,
  formatDateTime,
  useCursorPages,
  type Column,
} from '@carryover/web-ui';
import { useOperatorApi } from '../../api/use-operator-api';
import type { AuditEvent } from '../../api/types';

function ChainStatus() {
  const api = useOperatorApi();
  const chain = useQuery({ queryKey: ['audit-chain'], queryFn: api.auditChain, staleTime: 60_000 });
  let status = <Badge color="gray">checking…</Badge>;
  if (chain.error) status = <Badge color="orange">could not be checked</Badge>;
  else if (chain.data?.ok) status = <Badge color="green">intact: {chain.data.checked} links verified</Badge>;
  else if (chain.data?.firstBreak)
    status = (
      <Badge color="red">
        broken at #{chain.data.firstBreak.seq} ({chain.data.firstBreak.problem.replaceAll('_', ' ')})
      </Badge>
    );
  return (
    <Group gap="xs" data-testid="chain-status">
      <Text size="sm">Hash chain</Text>
      {status}
      <Button
        size="compact-xs"
        variant="subtle"
        loading={chain.isFetching}
        onClick={() => void chain.refetch()}
      >
        Verify again
      </Button>
    </Group>
  );
}

export function AuditPage() {
  const api = useOperatorApi();
  const [draft, setDraft] = useState('');
  const [entityId, setEntityId] = useState<string | undefined>(undefined);
  const pager = useCursorPages(['audit', entityId ?? null], (cursor) => api.auditEvents(entityId, cursor));
  const rows = pager.rows ?? [];

  /** Without a filter the page is a run of the chain: each link must point at the next older one shown. */
  const linkOk = (event: AuditEvent, index: number): boolean | null => {
    if (entityId) return null;
    const older = rows[index + 1];
    return older ? event.prevHash === older.hash : null;
  };

  const columns: Column<AuditEvent>[] = [
    { key: 'seq', header: '#', align: 'right', render: (e) => e.seq },
    { key: 'at', header: 'When', render: (e) => <Text size="sm">{formatDateTime(e.at)}</Text> },
    {
      key: 'actor',
      header: 'Actor',
      render: (e) => (
        <Group gap={4}>
          <Badge variant="outline" size="sm">
            {e.actorType}
          </Badge>
          {e.actorId && <ShortId id={e.actorId} />}
        </Group>
      ),
    },
    {
      key: 'action',
      header: 'Action',
      render: (e) => (
        <Text size="sm" ff="monospace">
          {e.action}
        </Text>
      ),
    },
    {
      key: 'entity',
      header: 'Entity',
      render: (e) => (
        <Text size="sm">
          {e.entity}{' '}
          <Text span ff="monospace" size="xs" c="dimmed">
            {e.entityId}
          </Text>
        </Text>
      ),
    },
    { key: 'reason', header: 'Reason', render: (e) => <Text size="sm">{e.reason ?? '—'}</Text> },
    {
      key: 'hash',
      header: 'Hash',
      render: (e) => {
        const index = rows.indexOf(e);
        const ok = linkOk(e, index);
        return (
          <Tooltip label={`hash ${e.hash}\nprev ${e.prevHash ?? '(first link)'}`} multiline w={360}>
            <Group gap={4} wrap="nowrap">
              <Text span ff="monospace" size="xs">
                {e.hash.slice(0, 10)}
              </Text>
              {ok === true && (
                <Badge color="green" size="xs" variant="light">
                  linked
                </Badge>
              )}
              {ok === false && (
                <Badge color="red" size="xs">
                  gap
                </Badge>
              )}
            </Group>
          </Tooltip>
        );
      },
    },
  ];

  return (
    <Stack>
      <PageHeader
        title="Audit log"
        description="Every change, who made it and why; newest first."
        actions={<ChainStatus />}
      />
      <Card withBorder>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setEntityId(draft.trim() === '' ? undefined : draft.trim());
          }}
        >
          <Group align="flex-end">
            <TextInput
              label="Entity id"
              placeholder="a trade, organisation, lot, job… id"
              value={draft}
              onChange={(event) => setDraft(event.currentTarget.value)}
              w={420}
            />
            <Button type="submit">Search</Button>
            {entityId && (
              <Button
                variant="default"
                onClick={() => {
                  setDraft('');
                  setEntityId(undefined);
                }}
              >
                Clear
              </Button>
            )}
          </Group>
        </form>
      </Card>
      <PagedTable
        label="Audit events"
        pager={pager}
        columns={columns}
        rowKey={(e) => e.id}
        empty={{
          title: entityId ? 'Nothing recorded for this id' : 'The audit log is empty',
          description: entityId ? 'Check the id, or search for the entity it belongs to.' : undefined,
        }}
      />
    </Stack>
  );
}
