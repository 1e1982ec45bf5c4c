import type { ReactNode } from 'react';
import { AppShell, Badge, Burger, Button, Group, NavLink, ScrollArea, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useSession } from '../session/session-context';

export interface NavItem {
  to: string;
  label: string;
  /** A count to show next to the label (e.g. items waiting). */
  badge?: number | null;
}

/** The frame both web apps share: product name, navigation, the signed-in account and sign-out. */
export function ConsoleShell({
  product,
  nav,
  extra,
}: {
  product: string;
  nav: NavItem[];
  extra?: ReactNode;
}) {
  const [opened, { toggle, close }] = useDisclosure();
  const { session, signOut } = useSession();
  const location = useLocation();
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Navigation" />
            <Title order={4}>Carryover</Title>
            <Badge variant="light">{product}</Badge>
          </Group>
          <Group gap="sm">
            {extra}
            {session && (
              <Text size="sm" c="dimmed" data-testid="signed-in-as">
                {session.user.name} · {session.user.email}
              </Text>
            )}
            <Button size="xs" variant="default" onClick={() => signOut('You signed out.')}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <ScrollArea>
          {nav.map((item) => (
            <NavLink
              key={item.to}
              component={RouterNavLink}
              to={item.to}
              label={item.label}
              active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
              onClick={close}
              rightSection={
                item.badge ? (
                  <Badge size="sm" variant="filled" circle={item.badge < 10}>
                    {item.badge}
                  </Badge>
                ) : null
              }
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

/** A page's title, a line of context, and actions on the right. */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-start" mb="md">
      <div>
        <Title order={2}>{title}</Title>
        {description && (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        )}
      </div>
      {actions && <Group gap="xs">{actions}</Group>}
    </Group>
  );
}
