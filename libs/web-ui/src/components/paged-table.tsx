import type { ReactNode } from 'react';
import { Button, Group, Loader, ScrollArea, Table, Text } from '@mantine/core';
import type { Pager } from '../query/pages';
import { EmptyState, ErrorState, LoadingState } from './states';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render(row: T): ReactNode;
  align?: 'left' | 'right' | 'center';
  width?: number | string;
}

export interface PagedTableProps<T> {
  pager: Pager<T>;
  columns: Column<T>[];
  rowKey(row: T): string;
  empty: { title: string; description?: ReactNode };
  onRowClick?(row: T): void;
  /** Accessible name of the table, also how the browser tests find it. */
  label: string;
}

/** A table over a Pager with designed loading, error and empty states and Previous / Next paging. */
export function PagedTable<T>({ pager, columns, rowKey, empty, onRowClick, label }: PagedTableProps<T>) {
  if (pager.isLoading) return <LoadingState />;
  if (pager.error && !pager.rows) return <ErrorState error={pager.error} onRetry={pager.refetch} />;
  const rows = pager.rows ?? [];
  if (rows.length === 0 && pager.page === 1) return <EmptyState {...empty} />;
  return (
    <div>
      <ScrollArea>
        <Table striped highlightOnHover={Boolean(onRowClick)} verticalSpacing="xs" aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column.key} ta={column.align} w={column.width}>
                  {column.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr
                key={rowKey(row)}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
                style={onRowClick ? { cursor: 'pointer' } : undefined}
              >
                {columns.map((column) => (
                  <Table.Td key={column.key} ta={column.align}>
                    {column.render(row)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {pager.error ? <ErrorState error={pager.error} onRetry={pager.refetch} /> : null}
      <Group justify="space-between" mt="sm">
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            Page {pager.page}
          </Text>
          {pager.isFetching && <Loader size="xs" />}
        </Group>
        {(pager.hasPrevious || pager.hasNext) && (
          <Group gap="xs">
            <Button size="xs" variant="default" disabled={!pager.hasPrevious} onClick={pager.previous}>
              Previous
            </Button>
            <Button size="xs" variant="default" disabled={!pager.hasNext} onClick={pager.next}>
              Next
            </Button>
          </Group>
        )}
      </Group>
    </div>
  );
}
