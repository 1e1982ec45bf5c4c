import type { ApiClient } from '@carryover/web-ui';
import type {
  AuditChainReport,
  AuditEvent,
  BookLevel,
  Dispute,
  FailedJob,
  LedgerBalances,
  MarketStats,
  MarketTrade,
  OperatorTrade,
  Organization,
  Page,
  Policy,
  Provider,
  QueueCounts,
  ReconciliationDifference,
  ReconciliationSummary,
  Review,
  TradeRow,
} from './types';

const PAGE = 25;
const key = (idempotencyKey?: string) => ({ idempotencyKey });

/** Every operator endpoint the console calls, typed; one place to adapt when the API changes. */
export function operatorApi(api: ApiClient) {
  return {
    trades: (status: string | undefined, cursor?: string, order: 'newest' | 'oldest' = 'newest') =>
      api.get<Page<TradeRow>>('/v1/admin/trades', { status, cursor, order, limit: PAGE }),
    trade: (id: string) => api.get<OperatorTrade>(`/v1/admin/trades/${id}`),
    verifyTrade: (
      id: string,
      body: { decision: 'approve' | 'reject'; reason: string },
      idempotencyKey?: string,
    ) => api.post<OperatorTrade>(`/v1/admin/trades/${id}/verification`, body, key(idempotencyKey)),
    decideProviderApproval: (
      id: string,
      body: { decision: 'approved' | 'denied'; reference: string },
      idempotencyKey?: string,
    ) => api.post<OperatorTrade>(`/v1/admin/trades/${id}/provider-approval`, body, key(idempotencyKey)),

    reviews: (status: string, cursor?: string) =>
      api.get<Page<Review>>('/v1/admin/reviews', { status, cursor, limit: PAGE }),
    decideReview: (id: string, body: { decision: 'approve' | 'reject'; reason: string }) =>
      api.post<Review>(`/v1/admin/reviews/${id}`, body),
    organizations: (kycStatus: string | undefined, cursor?: string) =>
      api.get<Page<Organization>>('/v1/admin/organizations', { kycStatus, cursor, limit: PAGE }),
    decideKyc: (id: string, body: { decision: 'verify' | 'reject'; reason: string }) =>
      api.post<Organization>(`/v1/admin/organizations/${id}/kyc`, body),

    disputes: (status: string | undefined, cursor?: string) =>
      api.get<Page<Dispute>>('/v1/admin/disputes', { status, cursor, limit: PAGE }),
    resolveDispute: (
      id: string,
      body: { outcome: string; refundMinor?: number; reason: string },
      idempotencyKey?: string,
    ) => api.post<Dispute>(`/v1/admin/disputes/${id}/resolution`, body, key(idempotencyKey)),

    providers: () => api.get<Provider[]>('/v1/providers'),
    policies: (code: string) => api.get<Policy[]>(`/v1/admin/providers/${code}/policies`),
    replacePolicy: (code: string, body: Record<string, unknown>) =>
      api.put<Policy>(`/v1/admin/providers/${code}/policy`, body),

    book: (code: string, currency: string) =>
      api.get<{ asks: BookLevel[]; bids: BookLevel[] }>(`/v1/markets/${code}/book`, { currency }),
    marketTrades: (code: string) => api.get<MarketTrade[]>(`/v1/markets/${code}/trades`, { limit: 200 }),
    marketStats: (code: string, currency: string) =>
      api.get<MarketStats>(`/v1/admin/markets/${code}/stats`, { currency }),

    balances: () => api.get<LedgerBalances>('/v1/admin/ledger/balances'),
    differences: (status: string, cursor?: string) =>
      api.get<Page<ReconciliationDifference>>('/v1/admin/reconciliation/differences', {
        status,
        cursor,
        limit: PAGE,
      }),
    runReconciliation: () => api.post<ReconciliationSummary>('/v1/admin/reconciliation/runs', {}),
    queues: () => api.get<QueueCounts[]>('/v1/admin/queues'),
    failedJobs: (queue: string, cursor?: string) =>
      api.get<Page<FailedJob>>(`/v1/admin/queues/${queue}/failed`, { cursor, limit: PAGE }),
    retryJob: (queue: string, id: string) =>
      api.post<FailedJob>(`/v1/admin/queues/${queue}/jobs/${encodeURIComponent(id)}/retry`, {}),

    auditEvents: (entityId: string | undefined, cursor?: string) =>
      api.get<Page<AuditEvent>>('/v1/admin/audit-events', { entityId, cursor, limit: PAGE }),
    auditChain: () => api.get<AuditChainReport>('/v1/admin/audit-chain'),
  };
}

export type OperatorApi = ReturnType<typeof operatorApi>;
