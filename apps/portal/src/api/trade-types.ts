/** The shapes of trades, notifications, webhooks and payouts the firm portal reads (see /docs-json). */

import type { TradeEscrowState, TradeTransferEvidence } from '@carryover/web-ui';
import type { TransferMethod } from './types';

export interface Trade {
  id: string;
  status: string;
  side: 'buy' | 'sell' | null;
  providerCode: string;
  currency: string;
  quantityMinor: number;
  priceBps: number;
  grossMinor: number;
  feeMinor: number;
  sellerProceedsMinor: number;
  transferMethod: TransferMethod;
  requiresProviderApproval: boolean;
  daysToExpiry: number;
  listingId: string;
  orderId: string;
  executedAt: string;
}

export interface TimelineEntry {
  status: string;
  at: string;
  actor: string;
  reason: string | null;
}

export interface Payment {
  status: 'requires_payment' | 'processing' | 'succeeded' | 'failed' | 'canceled';
  paymentIntentId: string | null;
  clientSecret: string | null;
  attempts: number;
  lastError: { code: string; message: string } | null;
}

export interface Dispute {
  id: string;
  status: 'open' | 'resolved';
  openedBy: { organizationId: string; side: 'buy' | 'sell'; userId: string | null };
  reason: string;
  outcome: string | null;
  refundMinor: number | null;
  resolutionReason: string | null;
  openedAt: string;
  resolvedAt: string | null;
}

/** GET /v1/trades/:id */
export interface TradeDetail extends Trade {
  timeline: TimelineEntry[];
  payment: Payment;
  transfer: TradeTransferEvidence;
  escrow?: TradeEscrowState;
  waitingFor?: string | null;
  waitingSince?: string | null;
  providerApproval?: { decision: string; reference: string; decidedAt: string } | null;
  dispute?: Dispute | null;
}

export interface BookLevel {
  priceBps: number;
  quantityMinor: number;
  count: number;
}

export interface Book {
  asks: BookLevel[];
  bids: BookLevel[];
}

export interface MarketTrade {
  priceBps: number;
  quantityMinor: number;
  daysToExpiry: number;
  executedAt: string;
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  subject: { type: string; id: string } | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  data: Notification[];
  nextCursor: string | null;
  unreadCount: number;
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  status: 'active' | 'disabled';
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
}

export interface CreatedWebhookEndpoint extends WebhookEndpoint {
  secret: string;
}

export interface WebhookDelivery {
  id: string;
  eventId: string;
  event: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  completedAt: string | null;
}

export interface PayoutStatus {
  status: 'not_started' | 'pending' | 'enabled';
}

/** GET /v1/client-config: what the portal needs to know about this deployment before anyone signs in. */
export interface ClientConfig {
  platformFeeBps: number;
  payments: {
    mode: 'emulator' | 'stripe' | 'unavailable';
    publishableKey: string | null;
    testPaymentMethods: { id: string; label: string }[];
  };
}
