import type { EntityManager } from 'typeorm';
import type { DataSource } from 'typeorm';
import type { SettlementTrade } from '../domain/settlement-trade';

/** A trade of 100,000 minor units at 7200 bps (gross 72,000, fee 3,600 at 500 bps), for unit specs. */
export function aTrade(overrides: Partial<SettlementTrade> = {}): SettlementTrade {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    status: 'funded',
    listingId: '00000000-0000-4000-8000-000000000002',
    orderId: '00000000-0000-4000-8000-000000000003',
    creditLotId: '00000000-0000-4000-8000-000000000004',
    sellerOrganizationId: '00000000-0000-4000-8000-00000000000a',
    buyerOrganizationId: '00000000-0000-4000-8000-00000000000b',
    providerCode: 'anthropic',
    currency: 'USD',
    quantityMinor: 100_000n,
    priceBps: 7200,
    grossMinor: 72_000n,
    feeBps: 500,
    feeMinor: 3_600n,
    sellerProceedsMinor: 68_400n,
    transferMethod: 'account_transfer',
    requiresProviderApproval: false,
    executedAt: new Date('2026-11-01T00:00:00.000Z'),
    ...overrides,
  };
}

/** A stand-in manager: specs pass it through and check it reached the collaborators. */
export const MANAGER = { queryRunner: { isTransactionActive: true } } as unknown as EntityManager;

/** A DataSource whose transaction runs the work with MANAGER. */
export const TRANSACTIONS = {
  transaction: <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => work(MANAGER),
} as unknown as DataSource;
