import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './session-context';

/** Renders its children for a signed-in user; anyone else goes to the sign-in page, which returns here. */
export function RequireSession({
  children,
  signInPath = '/sign-in',
}: {
  children: ReactNode;
  signInPath?: string;
}) {
  const { session } = useSession();
  const location = useLocation();
  if (!session)
    return <Navigate to={signInPath} replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}
