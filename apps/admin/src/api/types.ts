/** The shapes the operator console reads, as the API serves them (see /docs-json). */

import type { TradeEscrowState, TradeTransferEvidence } from '@carryover/web-ui';

export type { Page } from '@carryover/web-ui';

export interface TradeRow {
  id: string;
  status: string;
  providerCode: string;
  currency: string;
  quantityMinor: number;
  priceBps: number;
  grossMinor: number;
  feeMinor: number;
  sellerProceedsMinor: number;
  transferMethod: string;
  requiresProviderApproval: boolean;
  daysToExpiry: number;
  listingId: string;
  orderId: string;
  executedAt: string;
  sellerOrganizationId?: string;
  buyerOrganizationId?: string;
  /** When the trade entered its current status (the operators' list has it). */
  statusEnteredAt?: string;
  waitingFor?: string | null;
  flaggedAt?: string | null;
  flagReason?: string | null;
}

export interface TimelineEntry {
  status: string;
  at: string;
  actor: string;
  reason: string | null;
}

export interface ComplianceCheck {
  rule: string;
  outcome: string;
  detail: string;
}

export interface Compliance {
  outcome: string;
  policyVersion: number;
  checks: ComplianceCheck[];
  requiresProviderApproval: boolean;
  evaluatedAt: string;
}

export interface Party {
  id: string;
  name: string;
  legalEntityName: string;
  country: string;
  kycStatus: string;
}

export interface Dispute {
  id: string;
  tradeId: string;
  status: string;
  openedBy: { organizationId: string; side: 'buy' | 'sell'; userId: string | null };
  reason: string;
  frozenStatus: string;
  outcome: string | null;
  refundMinor: number | null;
  resolvedByUserId: string | null;
  resolutionReason: string | null;
  openedAt: string;
  resolvedAt: string | null;
}

/** GET /v1/admin/trades/:id */
export interface OperatorTrade extends TradeRow {
  timeline: TimelineEntry[];
  payment: { status: string; paymentIntentId?: string | null };
  transfer: TradeTransferEvidence;
  escrow?: TradeEscrowState;
  waitingFor?: string | null;
  waitingSince?: string | null;
  providerApproval?: { decision: string; reference: string; decidedAt: string } | null;
  dispute?: Dispute | null;
  seller?: Party;
  buyer?: Party;
  provider?: { code: string; name: string };
  compliance?: Compliance | null;
  ledger?: {
    journals: { step: string; currency: string; amountMinor: number }[];
    balances: Record<string, number>;
  };
  flag?: { flaggedAt: string; reason: string } | null;
}

export interface Review {
  id: string;
  subjectType: string;
  subjectId: string;
  organizationId: string;
  status: string;
  summary: string;
  checks: ComplianceCheck[];
  createdAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
}

export interface Organization {
  id: string;
  name: string;
  legalEntityName: string;
  country: string;
  kycStatus: string;
  kycDecidedAt: string | null;
  createdAt: string;
}

export interface Policy {
  version: number;
  resale: string;
  transferMethods: string[];
  minDaysToExpiry: number;
  resaleableSources: string[];
  buyerEligibility: { sameLegalEntityOnly: boolean; regions: string[] | null };
  maxLotFaceValueMinor: number | null;
  notes: string;
  sourceUrl: string | null;
  createdAt: string;
}

export interface Provider {
  code: string;
  name: string;
  currencies: string[];
  policy: Policy;
}

export interface BookLevel {
  priceBps: number;
  quantityMinor: number;
  count: number;
}

export interface MarketTrade {
  priceBps: number;
  quantityMinor: number;
  daysToExpiry: number;
  executedAt: string;
}

export interface MarketStats {
  providerCode: string;
  currency: string;
  buckets: {
    bucket: string;
    minDays: number;
    maxDays: number | null;
    trades: number;
    quantityMinor: number;
    grossMinor: number;
    averageDiscountBps: number | null;
  }[];
}

export interface LedgerBalances {
  accounts: {
    account: string;
    currency: string;
    debitMinor: number;
    creditMinor: number;
    balanceMinor: number;
  }[];
  balanced: boolean;
}

export interface ReconciliationDifference {
  id: string;
  tradeId: string;
  kind: string;
  currency: string;
  ledgerAmountMinor: number;
  providerAmountMinor: number;
  differenceMinor: number;
  detectedAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
}

export interface ReconciliationSummary {
  startedAt: string;
  finishedAt: string;
  tradesChecked: number;
  tradesFailed: number;
  differencesOpened: number;
  differencesResolved: number;
  openDifferences: number;
}

export interface QueueCounts {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
}

export interface FailedJob {
  id: string;
  queue: string;
  name: string;
  data: unknown;
  failedReason: string;
  attemptsMade: number;
  createdAt: string;
  processedAt: string | null;
  failedAt: string | null;
}

export interface AuditEvent {
  id: string;
  seq: string;
  actorType: string;
  actorId: string | null;
  actorOrganizationId: string | null;
  action: string;
  entity: string;
  entityId: string;
  data: Record<string, unknown>;
  reason: string | null;
  at: string;
  prevHash: string | null;
  hash: string;
}

export interface AuditChainReport {
  ok: boolean;
  checked: number;
  lastHash: string | null;
  firstBreak: {
    seq: string;
    id: string;
    problem: string;
    expected: string | null;
    actual: string | null;
  } | null;
}
