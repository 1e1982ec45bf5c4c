import { Button } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState } from './states';

/** The page for an address that matches no route, with the way back to the app's home. */
export function NotFoundPage({ homePath, homeLabel }: { homePath: string; homeLabel: string }) {
  return (
    <EmptyState
      title="There is no such page"
      description="The address may be mistyped, or the page has moved."
      action={
        <Button component={Link} to={homePath} variant="light">
          {homeLabel}
        </Button>
      }
    />
  );
}
