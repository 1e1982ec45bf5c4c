/** The shapes the firm portal reads, as the API serves them (see /docs-json). */

import type { TradeEscrowState, TradeTransferEvidence } from '@carryover/web-ui';

export type { Page } from '@carryover/web-ui';

export type OrganizationRole = 'org_admin' | 'trader' | 'viewer';
export const TRANSFER_METHODS = ['account_transfer', 'invoice_reassignment', 'structured_resale'] as const;
export type TransferMethod = (typeof TRANSFER_METHODS)[number];
export const CREDIT_SOURCES = ['prepaid_purchase', 'commitment', 'promotional_grant'] as const;
export type CreditSource = (typeof CREDIT_SOURCES)[number];
export const WEBHOOK_EVENTS = [
  'trade.matched',
  'trade.funded',
  'trade.transfer_requested',
  'trade.settled',
  'trade.refunded',
  'listing.expiring',
  'listing.expired',
  'order.filled',
] as const;

export interface Organization {
  id: string;
  name: string;
  legalEntityName: string;
  country: string;
  kycStatus: 'pending' | 'verified' | 'rejected';
  kycDecidedAt: string | null;
  createdAt: string;
}

export interface User {
  id: string;
  organizationId: string | null;
  email: string;
  name: string;
  role: string;
  disabledAt: string | null;
  createdAt: string;
}

export interface Me {
  user: User | null;
  organization: Organization | null;
  role: string;
}

export interface ApiKey {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface Policy {
  version: number;
  resale: 'allowed' | 'approval_required' | 'prohibited';
  transferMethods: TransferMethod[];
  minDaysToExpiry: number;
  resaleableSources: CreditSource[];
  buyerEligibility: { sameLegalEntityOnly: boolean; regions: string[] | null };
  maxLotFaceValueMinor: number | null;
  notes: string;
  sourceUrl: string | null;
}

export interface Provider {
  code: string;
  name: string;
  currencies: string[];
  policy: Policy;
}

export interface ComplianceCheck {
  rule: string;
  outcome: 'pass' | 'review' | 'block';
  detail: string;
}

export interface Compliance {
  outcome: 'pass' | 'review' | 'block';
  policyVersion: number;
  checks: ComplianceCheck[];
  requiresProviderApproval: boolean;
  evaluatedAt: string;
}

export interface CreditLot {
  id: string;
  status: 'pending_verification' | 'verified' | 'rejected';
  providerCode: string;
  policyVersion: number;
  accountReference: string;
  faceValueMinor: number;
  listedMinor: number;
  soldMinor: number;
  availableMinor: number;
  currency: string;
  expiresAt: string;
  tradableUntil: string;
  source: CreditSource;
  transferMethods: TransferMethod[];
  evidence: { statementReference: string; note: string | null };
  verifiedAt: string | null;
  verificationReason: string | null;
  createdAt: string;
  compliance: Compliance | null;
}

export interface RegisterLotBody {
  providerCode: string;
  accountReference: string;
  faceValueMinor: number;
  currency: string;
  expiresAt: string;
  source: CreditSource;
  transferMethods: TransferMethod[];
  evidence: { statementReference: string; note?: string };
}

export interface PriceTier {
  minDaysToExpiry: number;
  priceBps: number;
}

export interface Listing {
  id: string;
  status: string;
  providerCode: string;
  currency: string;
  quantityMinor: number;
  remainingMinor: number;
  filledMinor: number;
  priceBps: number | null;
  priceSchedule: PriceTier[] | null;
  effectivePriceBps: number;
  minFillMinor: number;
  expiresAt: string;
  tradableUntil: string;
  transferMethods: TransferMethod[];
  createdAt: string;
  creditLotId?: string;
  compliance?: Compliance | null;
}

export interface CreateListingBody {
  creditLotId: string;
  quantityMinor: number;
  priceBps?: number;
  priceSchedule?: PriceTier[];
  minFillMinor?: number;
}

export interface Order {
  id: string;
  status: string;
  providerCode: string;
  currency: string;
  quantityMinor: number;
  filledMinor: number;
  remainingMinor: number;
  maxPriceBps: number;
  minDaysToExpiry: number;
  transferMethods: TransferMethod[];
  minFillMinor: number;
  timeInForce: 'GTC' | 'IOC' | 'FOK';
  goodTill: string | null;
  createdAt: string;
}

export interface PlaceOrderBody {
  providerCode: string;
  currency: string;
  quantityMinor: number;
  maxPriceBps: number;
  minDaysToExpiry?: number;
  transferMethods?: TransferMethod[];
  timeInForce: 'GTC' | 'IOC' | 'FOK';
}

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
