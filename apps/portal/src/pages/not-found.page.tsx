import { Button } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState } from '@carryover/web-ui';

export function NotFoundPage() {
  return (
    <EmptyState
      title="There is no such page"
      description="The address may be mistyped, or the page has moved."
      action={
        <Button component={Link} to="/balances" variant="light">
          Go to your expiring balances
        </Button>
      }
    />
  );
}
