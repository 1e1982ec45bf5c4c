import { Text, Timeline } from '@mantine/core';
import { formatDateTime, humanize } from './labels';

export interface StatusTimelineEntry {
  status: string;
  at: string;
  actor: string;
  reason?: string | null;
}

/** A trade's (or any record's) statuses in the order they happened, who moved it, and why. */
export function StatusTimeline({
  entries,
  describe = humanize,
}: {
  entries: StatusTimelineEntry[];
  /** The words for a status; its humanized name unless given. */
  describe?: (status: string) => string;
}) {
  return (
    <Timeline active={entries.length - 1} bulletSize={14} lineWidth={2} data-testid="status-timeline">
      {entries.map((entry, index) => (
        <Timeline.Item key={`${entry.status}-${entry.at}-${index}`} title={describe(entry.status)}>
          <Text size="xs" c="dimmed">
            {formatDateTime(entry.at)} · {humanize(entry.actor)}
          </Text>
          {entry.reason && <Text size="sm">{entry.reason}</Text>}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
