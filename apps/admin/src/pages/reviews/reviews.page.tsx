import { useState } from 'react';
import { Badge, Button, Group, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import {
  DecisionModal,
  PageHeader,
  PagedTable,
  ShortId,
  StatusBadge,
  formatAge,
  humanize,
  useCursorPages,
  type Column,
} from '@carryover/web-ui';
import { useOperatorApi } from '../../api/use-operator-api';
import type { Review } from '../../api/types';

/** The rules that sent an item here: every check that did not pass. */
function FlaggedRules({ review }: { review: Review }) {
  const flagged = review.checks.filter((check) => check.outcome !== 'pass');
  // A new organisation is queued by the KYC rule itself, before any check has run.
  if (flagged.length === 0 && review.subjectType === 'organization') {
    return (
      <Badge color="yellow" variant="light" tt="none">
        KYC pending: new organisation
      </Badge>
    );
  }
  if (flagged.length === 0)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={4}>
      {flagged.map((check) => (
        <Tooltip key={check.rule} label={check.detail} multiline w={320}>
          <Badge color={check.outcome === 'block' ? 'red' : 'yellow'} variant="light" tt="none">
            {check.rule}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

export function ReviewsPage() {
  const api = useOperatorApi();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('open');
  const [deciding, setDeciding] = useState<Review | null>(null);
  const pager = useCursorPages(['reviews', status], (cursor) => api.reviews(status, cursor));

  const columns: Column<Review>[] = [
    {
      key: 'type',
      header: 'Item',
      render: (r) => <Badge variant="outline">{humanize(r.subjectType)}</Badge>,
    },
    { key: 'subject', header: 'Id', render: (r) => <ShortId id={r.subjectId} /> },
    { key: 'summary', header: 'Summary', render: (r) => <Text size="sm">{r.summary}</Text> },
    { key: 'rules', header: 'Flagged by', render: (r) => <FlaggedRules review={r} /> },
    { key: 'age', header: 'Waiting', render: (r) => formatAge(r.createdAt) },
    { key: 'status', header: 'Status', render: (r) => <StatusBadge status={r.status} /> },
    {
      key: 'action',
      header: '',
      align: 'right',
      render: (r) =>
        r.status === 'open' ? (
          <Button size="xs" variant="light" onClick={() => setDeciding(r)}>
            Decide…
          </Button>
        ) : (
          <Text size="xs" c="dimmed">
            {r.decisionReason}
          </Text>
        ),
    },
  ];

  return (
    <Stack>
      <PageHeader
        title="Compliance reviews"
        description="Organisations, credit lots and listings a compliance rule sent to an operator, oldest first."
        actions={
          <SegmentedControl
            value={status}
            onChange={setStatus}
            data={[
              { value: 'open', label: 'Open' },
              { value: 'approved', label: 'Approved' },
              { value: 'rejected', label: 'Rejected' },
            ]}
          />
        }
      />
      <PagedTable
        label="Compliance reviews"
        pager={pager}
        columns={columns}
        rowKey={(r) => r.id}
        empty={{
          title: status === 'open' ? 'Nothing to review' : `No ${status} reviews`,
          description: 'New organisations, lots above a policy maximum and flagged listings appear here.',
        }}
      />
      {deciding && (
        <DecisionModal
          opened
          onClose={() => setDeciding(null)}
          title={`Review ${humanize(deciding.subjectType)}`}
          subject={
            <Stack gap={4}>
              <Text size="sm">{deciding.summary}</Text>
              <FlaggedRules review={deciding} />
            </Stack>
          }
          options={[
            {
              value: 'approve',
              label: 'Approve',
              color: 'green',
              consequence: `The ${humanize(deciding.subjectType)} is approved and can trade.`,
            },
            {
              value: 'reject',
              label: 'Reject',
              color: 'red',
              consequence: `The ${humanize(deciding.subjectType)} is rejected.`,
            },
          ]}
          text={{ name: 'reason', label: 'Reason', placeholder: 'What you checked' }}
          onSubmit={async ({ decision, text }) => {
            await api.decideReview(deciding.id, { decision: decision as 'approve' | 'reject', reason: text });
            notifications.show({ message: `Review ${decision === 'approve' ? 'approved' : 'rejected'}.` });
            await queryClient.invalidateQueries({ queryKey: ['reviews'] });
            await queryClient.invalidateQueries({ queryKey: ['organizations'] });
          }}
        />
      )}
    </Stack>
  );
}
