import type { ReactNode } from 'react';
import { EmptyState } from '@carryover/web-ui';
import { usePermissions } from '../../api/use-portal-api';

/** Pages only an administrator uses: anyone else is told so rather than shown controls that fail. */
export function AdminOnly({ what, children }: { what: string; children: ReactNode }) {
  const { isAdmin } = usePermissions();
  if (!isAdmin)
    return (
      <EmptyState title={`Only administrators manage ${what}`} description="Ask your firm’s administrator." />
    );
  return <>{children}</>;
}
