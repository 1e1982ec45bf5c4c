import type TestAgent from 'supertest/lib/agent';
import type { TransferMethod } from '@carryover/catalog';
import { daysFromNow, verifiedLot, verifyKyc } from '../factories/credits.factory';
import { registerFirm, type RegisteredFirm } from '../factories/identity.factory';

type Auth = { Authorization: string };
type Api = { http: TestAgent };

/** Runs `fn` over `items`, at most `size` at a time, keeping the input order in the result. */
export async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    const batch = items.slice(start, start + size);
    out.push(...(await Promise.all(batch.map((item, i) => fn(item, start + i)))));
  }
  return out;
}

/** Registers `count` firms and has the operator verify their KYC, so they may trade. */
export function verifiedFirms(api: Api, operator: Auth, count: number): Promise<RegisteredFirm[]> {
  return inBatches(Array.from({ length: count }), 10, async () => {
    const firm = await registerFirm(api.http);
    await verifyKyc(api, operator, firm.organizationId);
    return firm;
  });
}

export interface LotTerms {
  /** Days to expiry; a half day keeps whole-day thresholds away from the seconds a test takes. */
  days: number;
  transferMethods: TransferMethod[];
  faceValueMinor: number;
}

/** A verified prepaid lot of the seller's at the provider; returns its id. */
export function marketLot(
  api: Api,
  operator: Auth,
  seller: RegisteredFirm,
  providerCode: string,
  terms: LotTerms,
): Promise<string> {
  return verifiedLot(api, operator, seller.auth, {
    providerCode,
    faceValueMinor: terms.faceValueMinor,
    expiresAt: daysFromNow(terms.days),
    transferMethods: terms.transferMethods,
  });
}
