import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { WebAppProviders } from '@carryover/web-ui';
import { PortalRoutes } from './routes';

const FIRM_ROLES = ['org_admin', 'trader', 'viewer'] as const;

function refusal(account: { email: string; role: string; organization: string | null }): string {
  return (
    `${account.email} is a Carryover ${account.role}. The portal is for member firms; ` +
    'operators work in the console at /admin.'
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <BrowserRouter basename="/app">
      <WebAppProviders
        session={{ storageKey: 'carryover.portal.session', allowedRoles: FIRM_ROLES, refusal }}
      >
        <PortalRoutes />
      </WebAppProviders>
    </BrowserRouter>
  </StrictMode>,
);
