import type { DataSource, EntityManager } from 'typeorm';
import { SystemClock } from '@carryover/shared';
import type { PaymentGateway } from '../gateway/payment-gateway';
import type { LedgerService } from '../ledger/ledger.service';
import type { ReconciliationRepository } from '../reconciliation/reconciliation.repository';
import { ReconcileEscrowUseCase } from './reconcile-escrow.use-case';

function setup(locked = true) {
  const differences = {
    withRunLock: jest.fn(async (work: () => Promise<unknown>) => (locked ? work() : null)),
    tradesToReconcile: jest.fn().mockResolvedValue([
      { tradeId: 't1', currency: 'USD' },
      { tradeId: 't2', currency: 'USD' },
    ]),
    record: jest.fn(
      async (_m: EntityManager, _t: unknown, c: { ledgerMinor: bigint; providerMinor: bigint }) =>
        c.ledgerMinor === c.providerMinor ? 'agrees' : 'opened',
    ),
    countOpen: jest.fn().mockResolvedValue(1),
  };
  const gateway = {
    listCharges: jest.fn(async (tradeId: string) => {
      if (tradeId === 't2') throw new Error('provider down');
      return [
        {
          id: 'ch_1',
          paymentIntentId: 'pi_1',
          succeeded: true,
          amountCapturedMinor: 100n,
          amountRefundedMinor: 10n,
          currency: 'USD',
        },
      ];
    }),
    listTransfers: jest.fn().mockResolvedValue([]),
  };
  const useCase = new ReconcileEscrowUseCase(
    {
      transaction: (work: (m: EntityManager) => unknown) => work({} as EntityManager),
    } as unknown as DataSource,
    gateway as unknown as PaymentGateway,
    {
      tradeJournals: jest.fn().mockResolvedValue([{ step: 'fund', currency: 'USD', amountMinor: 100n }]),
    } as unknown as LedgerService,
    differences as unknown as ReconciliationRepository,
    new SystemClock(),
  );
  return { useCase, differences };
}

describe('ReconcileEscrowUseCase', () => {
  it('compares each trade, records every comparison, and counts a trade the provider failed on', async () => {
    const { useCase, differences } = setup();
    const summary = await useCase.execute({ lookbackDays: 2, quietSeconds: 0 });
    expect(summary).toMatchObject({
      tradesChecked: 1,
      tradesFailed: 1,
      differencesOpened: 1,
      differencesResolved: 0,
      openDifferences: 1,
    });
    expect(differences.record).toHaveBeenCalledTimes(3);
    expect(differences.record).toHaveBeenCalledWith(
      expect.anything(),
      { tradeId: 't1', currency: 'USD' },
      { kind: 'refund', ledgerMinor: 0n, providerMinor: 10n },
      expect.any(Date),
    );
    const [scope] = differences.tradesToReconcile.mock.calls[0] as [{ since: Date; quietSince: Date }];
    expect(scope.quietSince.getTime() - scope.since.getTime()).toBe(2 * 86_400_000);
  });

  it('takes only the trade asked for, and refuses to run beside another run', async () => {
    const { useCase, differences } = setup();
    await useCase.execute({ tradeId: 't1' });
    expect(differences.tradesToReconcile).toHaveBeenCalledWith({ tradeId: 't1' });
    await expect(setup(false).useCase.execute()).rejects.toMatchObject({ code: 'reconciliation_running' });
  });
});
