import type { JobQueue } from '../job-queue.service';
import { JobHandlerRegistry } from './job-handler-registry.service';
import { JobWorkers } from './job-workers.service';

describe('JobWorkers', () => {
  it('fails the worker boot naming the unhandled job, before scheduling or consuming anything', async () => {
    const scheduleRepeatable = jest.fn(async () => {});
    // Only scheduleRepeatable is reached before the check would let startup continue.
    const jobQueue = { scheduleRepeatable } as unknown as JobQueue;
    const workers = new JobWorkers(new JobHandlerRegistry(), jobQueue, new Map(), { concurrency: 1 });

    await expect(workers.onApplicationBootstrap()).rejects.toThrow(
      /No handler registered for job\(s\): maintenance\.heartbeat/,
    );
    expect(scheduleRepeatable).not.toHaveBeenCalled();
    expect(workers.queueNames).toEqual([]);
  });
});
