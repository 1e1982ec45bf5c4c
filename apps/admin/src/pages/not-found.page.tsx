import { NotFoundPage as SharedNotFoundPage } from '@carryover/web-ui';

export function NotFoundPage() {
  return <SharedNotFoundPage homePath="/transfers" homeLabel="Go to the transfer queue" />;
}
