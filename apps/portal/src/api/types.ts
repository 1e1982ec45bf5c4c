/** The shapes the firm portal reads, as the API serves them (see /docs-json). */

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

export * from './trade-types';
