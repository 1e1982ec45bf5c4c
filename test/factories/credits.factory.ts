import { randomUUID } from 'node:crypto';

const DAY_MS = 86_400_000;

export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * DAY_MS).toISOString();
}

/** A valid credit-lot registration: $10,000.00 of Mistral prepaid credit expiring in 300 days. */
export function lotBody(overrides: Record<string, unknown> = {}) {
  return {
    providerCode: 'mistral',
    accountReference: `acct-${randomUUID().slice(0, 8)}`,
    faceValueMinor: 1_000_000,
    currency: 'USD',
    expiresAt: daysFromNow(300),
    source: 'prepaid_purchase',
    transferMethods: ['account_transfer', 'invoice_reassignment'],
    evidence: { statementReference: `INV-${randomUUID().slice(0, 6)}`, note: 'annual prepay' },
    ...overrides,
  };
}
