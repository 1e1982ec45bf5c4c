import { Anchor, Text } from '@mantine/core';
import { Link, Navigate, Route, Routes } from 'react-router';
import { ConsoleShell, RequireSession, SignInPage, type NavItem } from '@carryover/web-ui';
import { usePermissions } from './api/use-portal-api';
import { NotificationBell, useUnreadCount } from './pages/notifications/notification-bell';
import { NotificationsPage } from './pages/notifications/notifications.page';
import { SignUpPage } from './pages/auth/sign-up.page';
import { BalancesPage } from './pages/balances/balances.page';
import { LotPage } from './pages/balances/lot.page';
import { RegisterLotPage } from './pages/balances/register-lot.page';
import { SellPage } from './pages/sell/sell.page';
import { ListingsPage } from './pages/sell/listings.page';
import { ListingPage } from './pages/sell/listing.page';
import { MarketPage } from './pages/buy/market.page';
import { OrdersPage } from './pages/buy/orders.page';
import { OrderPage } from './pages/buy/order.page';
import { TradesPage } from './pages/trades/trades.page';
import { TradePage } from './pages/trades/trade.page';
import { MembersPage } from './pages/settings/members.page';
import { ApiKeysPage } from './pages/settings/api-keys.page';
import { WebhooksPage } from './pages/settings/webhooks.page';
import { PayoutsPage } from './pages/settings/payouts.page';
import { NotFoundPage } from './pages/not-found.page';

function PortalShell() {
  const { isAdmin } = usePermissions();
  const unread = useUnreadCount();
  const nav: NavItem[] = [
    { to: '/balances', label: 'Expiring balances' },
    { to: '/listings', label: 'My listings' },
    { to: '/market', label: 'Buy credits' },
    { to: '/orders', label: 'My buy orders' },
    { to: '/trades', label: 'Trades' },
    { to: '/notifications', label: 'Notifications', badge: unread },
    { to: '/settings/payouts', label: 'Payouts' },
    { to: '/settings/members', label: 'Members' },
    ...(isAdmin
      ? [
          { to: '/settings/api-keys', label: 'API keys' },
          { to: '/settings/webhooks', label: 'Webhooks' },
        ]
      : []),
  ];
  return <ConsoleShell product="Firm portal" nav={nav} extra={<NotificationBell count={unread} />} />;
}

export function PortalRoutes() {
  return (
    <Routes>
      <Route
        path="/sign-in"
        element={
          <SignInPage
            title="Sign in to Carryover"
            subtitle={
              <Text span size="sm" c="dimmed">
                Sell credits that would expire unused, buy capacity below list price. New here?{' '}
                <Anchor component={Link} to="/sign-up" size="sm">
                  Create an account
                </Anchor>
              </Text>
            }
            home="/balances"
          />
        }
      />
      <Route path="/sign-up" element={<SignUpPage />} />
      <Route
        element={
          <RequireSession>
            <PortalShell />
          </RequireSession>
        }
      >
        <Route index element={<Navigate to="/balances" replace />} />
        <Route path="/balances" element={<BalancesPage />} />
        <Route path="/credit-lots/new" element={<RegisterLotPage />} />
        <Route path="/credit-lots/:id" element={<LotPage />} />
        <Route path="/sell/:lotId" element={<SellPage />} />
        <Route path="/listings" element={<ListingsPage />} />
        <Route path="/listings/:id" element={<ListingPage />} />
        <Route path="/market" element={<MarketPage />} />
        <Route path="/market/:code" element={<MarketPage />} />
        <Route path="/orders" element={<OrdersPage />} />
        <Route path="/orders/:id" element={<OrderPage />} />
        <Route path="/trades" element={<TradesPage />} />
        <Route path="/trades/:id" element={<TradePage />} />
        <Route path="/notifications" element={<NotificationsPage />} />
        <Route path="/settings/payouts" element={<PayoutsPage />} />
        <Route path="/settings/members" element={<MembersPage />} />
        <Route path="/settings/api-keys" element={<ApiKeysPage />} />
        <Route path="/settings/webhooks" element={<WebhooksPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
