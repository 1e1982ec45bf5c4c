import { JobHandlerRegistry, JOB_NAMES, type OutboxJob } from '@carryover/jobs';
import {
  AdvanceTradeUseCase,
  RefundTradeUseCase,
  ReleaseTradeUseCase,
  ResumePayoutsUseCase,
  SettlePartialRefundUseCase,
  SettlementTimeoutsUseCase,
} from '@carryover/settlement';
import { Test } from '@nestjs/testing';
import { PaymentsProcessor } from './payments.processor';
import { SettlementProcessor } from './settlement.processor';

const context = { jobId: 'evt-1', attempt: 1 };

function tradeJob<
  N extends 'trade.funded' | 'trade.releasing' | 'trade.refunding' | 'trade.dispute_resolved',
>(name: N): OutboxJob<N> {
  return {
    eventId: 'evt-1',
    name,
    occurredAt: '2026-11-23T00:00:00.000Z',
    payload: {
      tradeId: 'trade-1',
      status: name.slice('trade.'.length),
      previousStatus: null,
      buyerOrganizationId: 'buyer',
      sellerOrganizationId: 'seller',
    },
  } as OutboxJob<N>;
}

describe('SettlementProcessor and PaymentsProcessor', () => {
  async function boot() {
    const mocks = {
      advance: { execute: jest.fn(async () => 'transfer_pending') },
      resume: { execute: jest.fn(async () => 1) },
      timeouts: { execute: jest.fn(async () => ({ cancelled: 0 })) },
      release: { execute: jest.fn(async () => 'settled') },
      refund: { execute: jest.fn(async () => 'refunded') },
      partial: { execute: jest.fn(async () => 'partially_refunded') },
    };
    const moduleRef = await Test.createTestingModule({
      providers: [
        SettlementProcessor,
        PaymentsProcessor,
        JobHandlerRegistry,
        { provide: AdvanceTradeUseCase, useValue: mocks.advance },
        { provide: ResumePayoutsUseCase, useValue: mocks.resume },
        { provide: SettlementTimeoutsUseCase, useValue: mocks.timeouts },
        { provide: ReleaseTradeUseCase, useValue: mocks.release },
        { provide: RefundTradeUseCase, useValue: mocks.refund },
        { provide: SettlePartialRefundUseCase, useValue: mocks.partial },
      ],
    }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    return { registry: moduleRef.get(JobHandlerRegistry), mocks };
  }

  it('handles every settlement and payments job', async () => {
    const { registry } = await boot();
    const ours = JOB_NAMES.filter(
      (name) =>
        name.startsWith('settlement.') ||
        name.startsWith('payments.') ||
        name.endsWith('settlement-timeouts'),
    );
    expect(ours.length).toBeGreaterThanOrEqual(6);
    expect(() => registry.assertHandles(ours)).not.toThrow();
  });

  it('hands each step job’s trade id to its use case', async () => {
    const { registry, mocks } = await boot();
    await registry.dispatch('settlement.advance', tradeJob('trade.funded'), context);
    await registry.dispatch('payments.release', tradeJob('trade.releasing'), context);
    await registry.dispatch('payments.refund', tradeJob('trade.refunding'), context);
    await registry.dispatch('payments.partial-refund', tradeJob('trade.dispute_resolved'), context);
    expect(mocks.advance.execute).toHaveBeenCalledWith('trade-1');
    expect(mocks.release.execute).toHaveBeenCalledWith('trade-1');
    expect(mocks.refund.execute).toHaveBeenCalledWith('trade-1');
    expect(mocks.partial.execute).toHaveBeenCalledWith('trade-1');
  });

  it('resumes the releases of the seller whose payouts were enabled', async () => {
    const { registry, mocks } = await boot();
    const job: OutboxJob<'payouts.enabled'> = {
      eventId: 'evt-2',
      name: 'payouts.enabled',
      occurredAt: '2026-11-23T00:00:00.000Z',
      payload: { organizationId: 'seller-org' },
    };
    await registry.dispatch('settlement.resume-payouts', job, context);
    expect(mocks.resume.execute).toHaveBeenCalledWith('seller-org');
  });

  it('propagates a use case failure so BullMQ retries the job', async () => {
    const { registry, mocks } = await boot();
    mocks.release.execute.mockRejectedValueOnce(new Error('stripe unavailable'));
    await expect(registry.dispatch('payments.release', tradeJob('trade.releasing'), context)).rejects.toThrow(
      'stripe unavailable',
    );
  });
});
