import type { Queue } from 'bullmq';
import { JOB_CATALOGUE, QUEUE_NAMES, type QueueName } from './job-catalogue';
import { JobQueue } from './job-queue.service';

interface FakeQueue {
  add: jest.Mock;
  upsertJobScheduler: jest.Mock;
  getJobSchedulers: jest.Mock;
  removeJobScheduler: jest.Mock;
}

function fakeQueues(
  schedulers: Partial<Record<QueueName, { key: string }[]>> = {},
): Map<QueueName, FakeQueue> {
  return new Map(
    QUEUE_NAMES.map((name) => [
      name,
      {
        add: jest.fn(async () => undefined),
        upsertJobScheduler: jest.fn(async () => undefined),
        getJobSchedulers: jest.fn(async () => schedulers[name] ?? []),
        removeJobScheduler: jest.fn(async () => true),
      },
    ]),
  );
}

function jobQueueOver(queues: Map<QueueName, FakeQueue>): JobQueue {
  // The fakes implement only the Queue methods JobQueue calls.
  return new JobQueue(queues as unknown as Map<QueueName, Queue>);
}

describe('JobQueue', () => {
  it('enqueues on the catalogued queue with the catalogued options and the caller’s jobId', async () => {
    const queues = fakeQueues();

    await jobQueueOver(queues).enqueue('maintenance.heartbeat', {}, { jobId: 'evt-1', delayMs: 500 });

    const { options } = JOB_CATALOGUE['maintenance.heartbeat'];
    expect(queues.get('maintenance')?.add).toHaveBeenCalledWith(
      'maintenance.heartbeat',
      {},
      { ...options, jobId: 'evt-1', delay: 500 },
    );
    expect(queues.get('settlement')?.add).not.toHaveBeenCalled();
  });

  it('refuses to enqueue without a jobId', async () => {
    const queues = fakeQueues();

    await expect(jobQueueOver(queues).enqueue('maintenance.heartbeat', {}, { jobId: ' ' })).rejects.toThrow(
      /needs a jobId/,
    );
    expect(queues.get('maintenance')?.add).not.toHaveBeenCalled();
  });

  it('schedules every repeatable job under its own name', async () => {
    const queues = fakeQueues({ maintenance: [{ key: 'maintenance.heartbeat' }] });

    await jobQueueOver(queues).scheduleRepeatable();

    expect(queues.get('maintenance')?.upsertJobScheduler).toHaveBeenCalledWith(
      'maintenance.heartbeat',
      { every: 60_000 },
      { name: 'maintenance.heartbeat', data: {}, opts: JOB_CATALOGUE['maintenance.heartbeat'].options },
    );
    expect(queues.get('maintenance')?.removeJobScheduler).not.toHaveBeenCalled();
  });

  it('removes schedules the catalogue no longer declares', async () => {
    const queues = fakeQueues({
      maintenance: [{ key: 'maintenance.retired' }],
      settlement: [{ key: 'maintenance.heartbeat' }],
    });

    await jobQueueOver(queues).scheduleRepeatable();

    expect(queues.get('maintenance')?.removeJobScheduler).toHaveBeenCalledWith('maintenance.retired');
    expect(queues.get('settlement')?.removeJobScheduler).toHaveBeenCalledWith('maintenance.heartbeat');
  });
});
