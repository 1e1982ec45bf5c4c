import { Badge, Text, Tooltip } from '@mantine/core';

const STATUS_COLORS: Record<string, string> = {
  awaiting_payment: 'gray',
  funded: 'blue',
  awaiting_provider_approval: 'orange',
  transfer_pending: 'cyan',
  transfer_submitted: 'cyan',
  verifying: 'yellow',
  releasing: 'teal',
  settled: 'green',
  cancelled: 'gray',
  refunding: 'grape',
  refunded: 'grape',
  partially_refunded: 'grape',
  disputed: 'red',
  open: 'yellow',
  pending: 'yellow',
  pending_verification: 'yellow',
  approved: 'green',
  verified: 'green',
  rejected: 'red',
  resolved: 'green',
  pass: 'green',
  review: 'yellow',
  block: 'red',
};

/** `transfer_submitted` -> "transfer submitted" */
export function humanize(value: string): string {
  return value.replaceAll('_', ' ');
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="light" data-status={status}>
      {humanize(status)}
    </Badge>
  );
}

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export function formatDateTime(iso: string): string {
  return `${dateTime.format(new Date(iso))} UTC`;
}

/** How long ago, in the largest whole unit: "3 d", "5 h", "12 min", "just now". */
export function formatAge(iso: string, now = Date.now()): string {
  const minutes = Math.floor((now - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

export function DateTime({ iso }: { iso: string | null | undefined }) {
  if (!iso)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  return (
    <Text span size="sm">
      {formatDateTime(iso)}
    </Text>
  );
}

/** A UUID shortened to its first block, the whole of it on hover. */
export function ShortId({ id }: { id: string }) {
  return (
    <Tooltip label={id}>
      <Text span ff="monospace" size="sm">
        {id.slice(0, 8)}
      </Text>
    </Tooltip>
  );
}
