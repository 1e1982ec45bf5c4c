import { Navigate, Route, Routes } from 'react-router';
import { ConsoleShell, RequireSession, SignInPage, type NavItem } from '@carryover/web-ui';
import { AuditPage } from './pages/audit/audit.page';
import { DisputesPage } from './pages/disputes/disputes.page';
import { HealthPage } from './pages/health/health.page';
import { MarketPage } from './pages/market/market.page';
import { MoneyPage } from './pages/money/money.page';
import { NotFoundPage } from './pages/not-found.page';
import { ProvidersPage } from './pages/providers/providers.page';
import { OrganizationsPage } from './pages/reviews/organizations.page';
import { ReviewsPage } from './pages/reviews/reviews.page';
import { TradePage } from './pages/transfers/trade.page';
import { TransferQueuePage } from './pages/transfers/transfer-queue.page';

export const NAV: NavItem[] = [
  { to: '/transfers', label: 'Transfers' },
  { to: '/reviews', label: 'Compliance reviews' },
  { to: '/organizations', label: 'Organisations (KYC)' },
  { to: '/disputes', label: 'Disputes' },
  { to: '/providers', label: 'Provider policies' },
  { to: '/market', label: 'Market overview' },
  { to: '/money', label: 'Money' },
  { to: '/health', label: 'Queues' },
  { to: '/audit', label: 'Audit log' },
];

export function AdminRoutes() {
  return (
    <Routes>
      <Route
        path="/sign-in"
        element={
          <SignInPage
            title="Operator console"
            subtitle="Sign in with your Carryover operator account."
            home="/transfers"
          />
        }
      />
      <Route
        element={
          <RequireSession>
            <ConsoleShell product="Operator console" nav={NAV} />
          </RequireSession>
        }
      >
        <Route index element={<Navigate to="/transfers" replace />} />
        <Route path="/transfers" element={<TransferQueuePage />} />
        <Route path="/transfers/:id" element={<TradePage />} />
        <Route path="/reviews" element={<ReviewsPage />} />
        <Route path="/organizations" element={<OrganizationsPage />} />
        <Route path="/disputes" element={<DisputesPage />} />
        <Route path="/providers" element={<ProvidersPage />} />
        <Route path="/market" element={<MarketPage />} />
        <Route path="/money" element={<MoneyPage />} />
        <Route path="/health" element={<HealthPage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
