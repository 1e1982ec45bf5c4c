import { NotFoundPage as SharedNotFoundPage } from '@carryover/web-ui';

export function NotFoundPage() {
  return <SharedNotFoundPage homePath="/balances" homeLabel="Go to your expiring balances" />;
}
