import { useState, type ReactNode } from 'react';
import { createTheme, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from './query/query-client';
import { SessionProvider, type SessionProviderProps } from './session/session-context';

export const carryoverTheme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
});

/** Theme, notifications, the query cache and the session: everything a Carryover web app runs inside. */
export function WebAppProviders({
  session,
  children,
}: {
  session: Omit<SessionProviderProps, 'children'>;
  children: ReactNode;
}) {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={carryoverTheme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <SessionProvider {...session}>{children}</SessionProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
