import { useEffect, useState } from 'react';
import { Text, Tooltip, type TextProps } from '@mantine/core';
import { formatDateTime } from './labels';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** "23 Nov 2026": a day, when the time of day does not matter (UTC, like every time the apps show). */
export function formatDate(iso: string): string {
  return dateOnly.format(new Date(iso));
}

/** Time left until `until`, in the two largest units: "23 d 4 h", "5 h 12 min", "8 min"; "passed" after it. */
export function formatRemaining(until: string | Date, now = Date.now()): string {
  const left = new Date(until).getTime() - now;
  if (left <= 0) return 'passed';
  const days = Math.floor(left / DAY);
  const hours = Math.floor((left % DAY) / HOUR);
  const minutes = Math.floor((left % HOUR) / MINUTE);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  return minutes > 0 ? `${minutes} min` : 'under a minute';
}

/** Whole days left until `until` (0 once it has passed). */
export function daysUntil(until: string | Date, now = Date.now()): number {
  return Math.max(0, Math.floor((new Date(until).getTime() - now) / DAY));
}

/** The current time, refreshed every `intervalMs`. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** A live countdown to a deadline: orange inside `warnDays`, red inside a week, red "passed" after it. */
export function Countdown({
  until,
  warnDays = 30,
  ...props
}: { until: string; warnDays?: number } & TextProps) {
  const now = useNow();
  const days = daysUntil(until, now);
  const passed = new Date(until).getTime() <= now;
  const color = passed || days < 7 ? 'red' : days < warnDays ? 'orange' : undefined;
  return (
    <Tooltip label={formatDateTime(until)}>
      <Text span size="sm" c={color} fw={color ? 600 : undefined} data-testid="countdown" {...props}>
        {passed ? 'passed' : `${formatRemaining(until, now)} left`}
      </Text>
    </Tooltip>
  );
}
