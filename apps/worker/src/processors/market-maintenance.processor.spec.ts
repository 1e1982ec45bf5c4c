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
import { Test } from '@nestjs/testing';
import { EscrowMaintenanceProcessor } from './escrow-maintenance.processor';
import { MaintenanceProcessor } from './maintenance.processor';
import { MarketMaintenanceProcessor } from './market-maintenance.processor';
import { NotificationsProcessor } from './notifications.processor';
import { SettlementProcessor } from './settlement.processor';

describe('MarketMaintenanceProcessor', () => {
  const context = { jobId: 'repeat:1', attempt: 1 };

  async function boot() {
    const expire = jest.fn(async () => ({ listings: 2, orders: 1 }));
    const reprice = jest.fn(async () => 3);
    const moduleRef = await Test.createTestingModule({
      providers: [
        MaintenanceProcessor,
        MarketMaintenanceProcessor,
        EscrowMaintenanceProcessor,
        NotificationsProcessor,
        SettlementProcessor,
        JobHandlerRegistry,
        { provide: WorkerHeartbeat, useValue: { beat: jest.fn() } },
        { provide: ExpireMarketItemsUseCase, useValue: { execute: expire } },
        { provide: RepriceListingsUseCase, useValue: { execute: reprice } },
        { provide: ReconcileEscrowUseCase, useValue: { execute: jest.fn() } },
        { provide: DispatchNotificationEventUseCase, useValue: { execute: jest.fn() } },
        { provide: DeliverWebhookUseCase, useValue: { execute: jest.fn() } },
        { provide: SendNotificationEmailUseCase, useValue: { execute: jest.fn() } },
        { provide: SendExpiryRemindersUseCase, useValue: { execute: jest.fn() } },
        { provide: AdvanceTradeUseCase, useValue: { execute: jest.fn() } },
        { provide: ResumePayoutsUseCase, useValue: { execute: jest.fn() } },
        { provide: SettlementTimeoutsUseCase, useValue: { execute: jest.fn() } },
      ],
    }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    return { registry: moduleRef.get(JobHandlerRegistry), expire, reprice };
  }

  it('with the heartbeat, escrow, notifications and settlement processors, handles every maintenance job, so the worker’s startup check passes', async () => {
    const { registry } = await boot();

    expect(() =>
      registry.assertHandles(JOB_NAMES.filter((name) => name.startsWith('maintenance.'))),
    ).not.toThrow();
  });

  it('runs the expiry sweep when the expire-market job runs', async () => {
    const { registry, expire, reprice } = await boot();

    await registry.dispatch('maintenance.expire-market', {}, context);

    expect(expire).toHaveBeenCalledTimes(1);
    expect(reprice).not.toHaveBeenCalled();
  });

  it('runs the re-pricing sweep when the reprice-listings job runs', async () => {
    const { registry, expire, reprice } = await boot();

    await registry.dispatch('maintenance.reprice-listings', {}, context);

    expect(reprice).toHaveBeenCalledTimes(1);
    expect(expire).not.toHaveBeenCalled();
  });

  it('lets a failing sweep fail the job, so BullMQ retries it', async () => {
    const { registry, expire } = await boot();
    expire.mockRejectedValueOnce(new Error('database down'));

    await expect(registry.dispatch('maintenance.expire-market', {}, context)).rejects.toThrow(
      'database down',
    );
  });
});
