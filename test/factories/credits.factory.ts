import type { INestApplication } from '@nestjs/common';
import type TestAgent from 'supertest/lib/agent';
import { registerFirm, signInOperator } from './identity.factory';
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

type Api = { http: TestAgent };
type Auth = { Authorization: string };

/** Verifies an organisation's KYC as an operator. */
export async function verifyKyc(api: Api, operator: Auth, organizationId: string): Promise<void> {
  await api.http
    .post(`/v1/admin/organizations/${organizationId}/kyc`)
    .set(operator)
    .send({ decision: 'verify', reason: 'test KYC' })
    .expect(200);
}

/** Registers a lot for the firm and has the operator verify it; returns the lot id. */
export async function verifiedLot(
  api: Api,
  operator: Auth,
  seller: Auth,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const created = await api.http.post('/v1/credit-lots').set(seller).send(lotBody(overrides)).expect(201);
  await api.http
    .post(`/v1/admin/credit-lots/${created.body.id}/verification`)
    .set(operator)
    .send({ decision: 'verify', reason: 'test lot' })
    .expect(200);
  return created.body.id as string;
}

/**
 * An operator and two KYC-verified firms, the cast of most market tests. Each call makes new firms, so
 * tests in parallel files never share an organisation.
 */
export async function tradingPair(api: Api & { app: INestApplication }) {
  const operator = await signInOperator(api);
  const [seller, buyer] = [await registerFirm(api.http), await registerFirm(api.http)];
  await verifyKyc(api, operator.auth, seller.organizationId);
  await verifyKyc(api, operator.auth, buyer.organizationId);
  return { operator, seller, buyer };
}
