import { ReconcileEscrowUseCase } from '@carryover/escrow';
import { JobHandlerRegistry, JOB_NAMES, WorkerHeartbeat } from '@carryover/jobs';
import { ExpireMarketItemsUseCase, RepriceListingsUseCase } from '@carryover/market';
import {
  DeliverWebhookUseCase,
  DispatchNotificationEventUseCase,
  SendExpiryRemindersUseCase,
  SendNotificationEmailUseCase,
} from '@carryover/notifications';
import { AdvanceTradeUseCase, ResumePayoutsUseCase, SettlementTimeoutsUseCase } from '@carryover/settlement';
import { ConflictError } from '@carryover/shared';
import { Test } from '@nestjs/testing';
import { EscrowMaintenanceProcessor } from './escrow-maintenance.processor';
import { MaintenanceProcessor } from './maintenance.processor';
import { MarketMaintenanceProcessor } from './market-maintenance.processor';
import { NotificationsProcessor } from './notifications.processor';
import { SettlementProcessor } from './settlement.processor';

const NOTIFICATION_USE_CASES = [
  DispatchNotificationEventUseCase,
  DeliverWebhookUseCase,
  SendNotificationEmailUseCase,
  SendExpiryRemindersUseCase,
];

describe('EscrowMaintenanceProcessor', () => {
  const context = { jobId: 'reconcile:1', attempt: 1 };
  const summary = {
    startedAt: new Date(),
    finishedAt: new Date(),
    tradesChecked: 3,
    tradesFailed: 0,
    differencesOpened: 1,
    differencesResolved: 0,
    openDifferences: 1,
  };

  async function boot() {
    const reconcile = jest.fn(async () => summary);
    const moduleRef = await Test.createTestingModule({
      providers: [
        MaintenanceProcessor,
        MarketMaintenanceProcessor,
        EscrowMaintenanceProcessor,
        NotificationsProcessor,
        SettlementProcessor,
        JobHandlerRegistry,
        { provide: WorkerHeartbeat, useValue: { beat: jest.fn() } },
        { provide: ExpireMarketItemsUseCase, useValue: { execute: jest.fn() } },
        { provide: RepriceListingsUseCase, useValue: { execute: jest.fn() } },
        { provide: ReconcileEscrowUseCase, useValue: { execute: reconcile } },
        // The notifications processor handles maintenance.expiry-reminders; its other jobs are not asserted here.
        ...NOTIFICATION_USE_CASES.map((useCase) => ({ provide: useCase, useValue: { execute: jest.fn() } })),
        // The settlement processor handles maintenance.settlement-timeouts.
        ...[AdvanceTradeUseCase, ResumePayoutsUseCase, SettlementTimeoutsUseCase].map((useCase) => ({
          provide: useCase,
          useValue: { execute: jest.fn() },
        })),
      ],
    }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    return { registry: moduleRef.get(JobHandlerRegistry), reconcile };
  }

  it('with the other maintenance processors, handles every maintenance job', async () => {
    const { registry } = await boot();
    expect(() =>
      registry.assertHandles(JOB_NAMES.filter((name) => name.startsWith('maintenance.'))),
    ).not.toThrow();
  });

  it('runs a reconciliation when the reconcile job runs', async () => {
    const { registry, reconcile } = await boot();
    await registry.dispatch('maintenance.reconcile', {}, context);
    expect(reconcile).toHaveBeenCalledTimes(1);
  });

  it('finishes quietly when another run holds the lock, and fails the job on any other error', async () => {
    const { registry, reconcile } = await boot();
    reconcile.mockRejectedValueOnce(new ConflictError('reconciliation_running', 'busy'));
    await expect(registry.dispatch('maintenance.reconcile', {}, context)).resolves.toBeUndefined();
    reconcile.mockRejectedValueOnce(new Error('provider down'));
    await expect(registry.dispatch('maintenance.reconcile', {}, context)).rejects.toThrow('provider down');
  });
});
