import type { ApiClient } from '@carryover/web-ui';
import type {
  ApiKey,
  Book,
  ClientConfig,
  CreateListingBody,
  CreatedApiKey,
  CreatedWebhookEndpoint,
  CreditLot,
  Dispute,
  Listing,
  MarketTrade,
  Me,
  Notification,
  NotificationPage,
  Order,
  OrganizationRole,
  Page,
  Payment,
  PayoutStatus,
  PlaceOrderBody,
  Provider,
  RegisterLotBody,
  Trade,
  TradeDetail,
  User,
  WebhookDelivery,
  WebhookEndpoint,
} from './types';

const PAGE = 25;
const key = (idempotencyKey?: string) => ({ idempotencyKey });

interface Cancelled {
  id: string;
  status: 'cancelled';
  cancelledMinor: number;
}

/** Every firm endpoint the portal calls, typed; one place to adapt when the API changes. */
export function portalApi(api: ApiClient) {
  return {
    clientConfig: () => api.get<ClientConfig>('/v1/client-config', undefined, { anonymous: true }),
    register: (
      body: {
        organization: { name: string; legalEntityName?: string; country: string };
        user: { email: string; password: string; name: string };
      },
      idempotencyKey?: string,
    ) => api.post<{ accessToken: string }>('/v1/auth/register', body, { anonymous: true, idempotencyKey }),
    me: () => api.get<Me>('/v1/me'),

    members: (cursor?: string) =>
      api.get<Page<User>>('/v1/organizations/me/members', { cursor, limit: PAGE }),
    addMember: (
      body: { email: string; name: string; password: string; role: OrganizationRole },
      idempotencyKey?: string,
    ) => api.post<User>('/v1/organizations/me/members', body, key(idempotencyKey)),
    changeMemberRole: (id: string, role: OrganizationRole) =>
      api.patch<User>(`/v1/organizations/me/members/${id}`, { role }),
    removeMember: (id: string) => api.delete<void>(`/v1/organizations/me/members/${id}`),
    apiKeys: (cursor?: string) => api.get<Page<ApiKey>>('/v1/api-keys', { cursor, limit: PAGE }),
    createApiKey: (body: { name: string; role: OrganizationRole }, idempotencyKey?: string) =>
      api.post<CreatedApiKey>('/v1/api-keys', body, key(idempotencyKey)),
    revokeApiKey: (id: string) => api.delete<void>(`/v1/api-keys/${id}`),
    payouts: () => api.get<PayoutStatus>('/v1/organizations/me/payouts'),
    startPayoutOnboarding: () => api.post<{ url: string }>('/v1/organizations/me/payouts/onboarding', {}),
    webhookEndpoints: (cursor?: string) =>
      api.get<Page<WebhookEndpoint>>('/v1/webhook-endpoints', { cursor, limit: PAGE }),
    createWebhookEndpoint: (body: { url: string; events: string[] }, idempotencyKey?: string) =>
      api.post<CreatedWebhookEndpoint>('/v1/webhook-endpoints', body, key(idempotencyKey)),
    deleteWebhookEndpoint: (id: string) => api.delete<void>(`/v1/webhook-endpoints/${id}`),
    webhookDeliveries: (id: string, cursor?: string) =>
      api.get<Page<WebhookDelivery>>(`/v1/webhook-endpoints/${id}/deliveries`, { cursor, limit: 10 }),

    providers: () => api.get<Provider[]>('/v1/providers'),

    /** Every lot of the organisation: the balances page shows them all at once. */
    allLots: async () => {
      const lots: CreditLot[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.get<Page<CreditLot>>('/v1/credit-lots', { cursor, limit: 200 });
        lots.push(...page.data);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return lots;
    },
    lot: (id: string) => api.get<CreditLot>(`/v1/credit-lots/${id}`),
    registerLot: (body: RegisterLotBody, idempotencyKey?: string) =>
      api.post<CreditLot>('/v1/credit-lots', body, key(idempotencyKey)),

    myListings: (cursor?: string) =>
      api.get<Page<Listing>>('/v1/listings', { mine: true, cursor, limit: PAGE }),
    /** The organisation's open listings, for what each lot has on sale. */
    myOpenListings: () => api.get<Page<Listing>>('/v1/listings', { mine: true, limit: 200 }),
    listing: (id: string) => api.get<Listing>(`/v1/listings/${id}`),
    createListing: (body: CreateListingBody, idempotencyKey?: string) =>
      api.post<{ listing: Listing; trades: Trade[] }>('/v1/listings', body, key(idempotencyKey)),
    cancelListing: (id: string) => api.delete<Cancelled>(`/v1/listings/${id}`),
    offers: (providerCode: string, cursor?: string) =>
      api.get<Page<Listing>>('/v1/listings', { providerCode, cursor, limit: PAGE }),

    orders: (cursor?: string) => api.get<Page<Order>>('/v1/orders', { cursor, limit: PAGE }),
    order: (id: string) => api.get<Order>(`/v1/orders/${id}`),
    placeOrder: (body: PlaceOrderBody, idempotencyKey?: string) =>
      api.post<{ order: Order; trades: Trade[] }>('/v1/orders', body, key(idempotencyKey)),
    cancelOrder: (id: string) => api.delete<Cancelled>(`/v1/orders/${id}`),

    book: (code: string, currency: string) => api.get<Book>(`/v1/markets/${code}/book`, { currency }),
    marketTrades: (code: string, limit = 100) =>
      api.get<MarketTrade[]>(`/v1/markets/${code}/trades`, { limit }),

    trades: (filter: { side?: string; status?: string }, cursor?: string) =>
      api.get<Page<Trade>>('/v1/trades', { ...filter, cursor, limit: PAGE }),
    /** Settled sales, for the proceeds received so far (the latest 200). */
    settledSales: () => api.get<Page<Trade>>('/v1/trades', { side: 'sell', status: 'settled', limit: 200 }),
    trade: (id: string) => api.get<TradeDetail>(`/v1/trades/${id}`),
    pay: (id: string, paymentMethodId: string, idempotencyKey?: string) =>
      api.post<Payment>(`/v1/trades/${id}/payment`, { paymentMethodId }, key(idempotencyKey)),
    submitTransfer: (id: string, body: { reference: string; note?: string }, idempotencyKey?: string) =>
      api.post<TradeDetail>(`/v1/trades/${id}/transfer`, body, key(idempotencyKey)),
    confirmReceipt: (id: string, idempotencyKey?: string) =>
      api.post<TradeDetail>(`/v1/trades/${id}/receipt`, {}, key(idempotencyKey)),
    openDispute: (id: string, body: { reason: string }, idempotencyKey?: string) =>
      api.post<Dispute>(`/v1/trades/${id}/disputes`, body, key(idempotencyKey)),

    notifications: (cursor?: string) =>
      api.get<NotificationPage>('/v1/notifications', { cursor, limit: PAGE }),
    readNotification: (id: string) => api.post<Notification>(`/v1/notifications/${id}/read`, {}),
    readAllNotifications: () => api.post<{ marked: number }>('/v1/notifications/read-all', {}),
  };
}

export type PortalApi = ReturnType<typeof portalApi>;
