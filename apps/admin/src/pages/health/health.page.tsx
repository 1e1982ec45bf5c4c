import { useState } from 'react';
import { Button, Card, Code, Group, Modal, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DateTime,
  ErrorState,
  PageHeader,
  PagedTable,
  describeError,
  useCursorPages,
  useLocalPages,
  type Column,
} from '@carryover/web-ui';
import { useOperatorApi } from '../../api/use-operator-api';
import type { FailedJob, QueueCounts } from '../../api/types';

const countColumn = (key: keyof QueueCounts, header: string, color?: string): Column<QueueCounts> => ({
  key,
  header,
  align: 'right',
  render: (q) => (
    <Text
      size="sm"
      c={color && Number(q[key]) > 0 ? color : undefined}
      fw={color && Number(q[key]) > 0 ? 700 : undefined}
    >
      {q[key]}
    </Text>
  ),
});

function RetryModal({ job, onClose }: { job: FailedJob; onClose(): void }) {
  const api = useOperatorApi();
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => api.retryJob(job.queue, job.id),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: `Job ${job.id} is queued again.` });
      await queryClient.invalidateQueries({ queryKey: ['queues'] });
      await queryClient.invalidateQueries({ queryKey: ['failed-jobs'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Retry this job?" centered>
      <Stack>
        <Text size="sm">
          <Code>{job.name}</Code> on <Code>{job.queue}</Code> goes back to waiting with its attempts reset.
          The retry is recorded in the audit log.
        </Text>
        <Text size="sm" c="red">
          Last error: {job.failedReason}
        </Text>
        {retry.error && <ErrorState error={retry.error} title="Not retried" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={retry.isPending} onClick={() => retry.mutate()}>
            Retry job
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function FailedJobs({ queues }: { queues: string[] }) {
  const api = useOperatorApi();
  const [queue, setQueue] = useState<string | null>(null);
  const [retrying, setRetrying] = useState<FailedJob | null>(null);
  const chosen = queue ?? queues[0] ?? 'settlement';
  const pager = useCursorPages(['failed-jobs', chosen], (cursor) => api.failedJobs(chosen, cursor));
  const columns: Column<FailedJob>[] = [
    {
      key: 'id',
      header: 'Job',
      render: (j) => (
        <Text size="sm" ff="monospace">
          {j.id}
        </Text>
      ),
    },
    { key: 'name', header: 'Name', render: (j) => j.name },
    {
      key: 'reason',
      header: 'Failed because',
      render: (j) => (
        <Tooltip label={<pre style={{ margin: 0 }}>{JSON.stringify(j.data, null, 2)}</pre>}>
          <Text size="sm" c="red">
            {j.failedReason}
          </Text>
        </Tooltip>
      ),
    },
    { key: 'attempts', header: 'Attempts', align: 'right', render: (j) => j.attemptsMade },
    { key: 'failed', header: 'Failed at', render: (j) => <DateTime iso={j.failedAt} /> },
    {
      key: 'action',
      header: '',
      align: 'right',
      render: (j) => (
        <Button size="xs" variant="light" onClick={() => setRetrying(j)}>
          Retry…
        </Button>
      ),
    },
  ];
  return (
    <Card withBorder data-testid="failed-jobs">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Failed jobs</Title>
        <Select
          aria-label="Queue"
          size="xs"
          data={queues}
          value={chosen}
          onChange={setQueue}
          allowDeselect={false}
        />
      </Group>
      <PagedTable
        label="Failed jobs"
        pager={pager}
        columns={columns}
        rowKey={(j) => j.id}
        empty={{
          title: `No failed jobs on ${chosen}`,
          description: 'Jobs that used up their retries appear here.',
        }}
      />
      {retrying && <RetryModal job={retrying} onClose={() => setRetrying(null)} />}
    </Card>
  );
}

export function HealthPage() {
  const api = useOperatorApi();
  const counts = useQuery({ queryKey: ['queues'], queryFn: api.queues, refetchInterval: 5_000 });
  const pager = useLocalPages(counts, 10);
  const columns: Column<QueueCounts>[] = [
    {
      key: 'queue',
      header: 'Queue',
      render: (q) => (
        <Text size="sm" ff="monospace">
          {q.queue}
        </Text>
      ),
    },
    countColumn('waiting', 'Waiting'),
    countColumn('active', 'Active'),
    countColumn('delayed', 'Delayed'),
    countColumn('completed', 'Completed (kept)'),
    countColumn('failed', 'Failed', 'red'),
  ];
  return (
    <Stack>
      <PageHeader
        title="Queues"
        description="The background workflow: BullMQ queues, refreshed every 5 seconds."
      />
      <Card withBorder data-testid="queue-counts">
        <PagedTable
          label="Queue counts"
          pager={pager}
          columns={columns}
          rowKey={(q) => q.queue}
          empty={{ title: 'No queues', description: describeError(new Error('The API reported no queues.')) }}
        />
      </Card>
      <FailedJobs queues={(counts.data ?? []).map((q) => q.queue)} />
    </Stack>
  );
}
