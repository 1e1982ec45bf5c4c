import type { ReactNode } from 'react';
import { SimpleGrid, Stack, Text } from '@mantine/core';

/** Label above value, in a grid: the facts of one record. */
export function DetailList({
  items,
  cols = 2,
}: {
  items: { label: string; value: ReactNode; testId?: string }[];
  cols?: number;
}) {
  return (
    <SimpleGrid cols={{ base: 1, sm: cols }} spacing="sm" verticalSpacing="sm">
      {items.map((item) => (
        <Stack key={item.label} gap={0}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {item.label}
          </Text>
          <div data-testid={item.testId}>
            {typeof item.value === 'string' ? <Text size="sm">{item.value}</Text> : item.value}
          </div>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
