import { JobHandlerRegistry, WorkerHeartbeat } from '@carryover/jobs';
import { Test } from '@nestjs/testing';
import { MaintenanceProcessor } from './maintenance.processor';

describe('MaintenanceProcessor', () => {
  async function boot(): Promise<{ registry: JobHandlerRegistry; beat: jest.Mock }> {
    const beat = jest.fn(async () => new Date());
    const moduleRef = await Test.createTestingModule({
      providers: [MaintenanceProcessor, JobHandlerRegistry, { provide: WorkerHeartbeat, useValue: { beat } }],
    }).compile();
    await moduleRef.init();
    return { registry: moduleRef.get(JobHandlerRegistry), beat };
  }

  // Every maintenance job, with the market's processor: market-maintenance.processor.spec.ts.
  it('registers the heartbeat handler', async () => {
    const { registry } = await boot();

    expect(() => registry.assertHandles(['maintenance.heartbeat'])).not.toThrow();
  });

  it('records the heartbeat when the heartbeat job runs', async () => {
    const { registry, beat } = await boot();

    await registry.dispatch('maintenance.heartbeat', {}, { jobId: 'repeat:1', attempt: 1 });

    expect(beat).toHaveBeenCalledTimes(1);
  });
});
