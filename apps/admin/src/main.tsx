import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { WebAppProviders } from '@carryover/web-ui';
import { AdminRoutes } from './routes';

const OPERATOR_ROLES = ['operator'] as const;

function refusal(account: { email: string; role: string; organization: string | null }): string {
  const who = account.organization ? `${account.role} at ${account.organization}` : account.role;
  return (
    `${account.email} is a ${who}. The operator console is for Carryover operators only; ` +
    'firms use the portal at /app.'
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <BrowserRouter basename="/admin">
      <WebAppProviders
        session={{ storageKey: 'carryover.admin.session', allowedRoles: OPERATOR_ROLES, refusal }}
      >
        <AdminRoutes />
      </WebAppProviders>
    </BrowserRouter>
  </StrictMode>,
);
