import { isJobName, JOB_CATALOGUE, JOB_NAMES, QUEUE_NAMES, queuesWithJobs } from './job-catalogue';

describe('job catalogue', () => {
  it.each(JOB_NAMES)('%s is named "<queue>.<action>" after the queue it runs on', (name) => {
    expect(name).toMatch(/^[a-z]+\.[a-z][a-z0-9-]*$/);
    expect(name.split('.')[0]).toBe(JOB_CATALOGUE[name].queue);
  });

  it.each(JOB_NAMES)('%s retries with exponential backoff and bounded retention', (name) => {
    const { options } = JOB_CATALOGUE[name];
    expect(options.attempts).toBeGreaterThanOrEqual(1);
    expect(options.backoff.type).toBe('exponential');
    expect(options.backoff.delay).toBeGreaterThan(0);
    expect(options.removeOnComplete).toBeGreaterThan(0);
    expect(options.removeOnFail).toBeGreaterThan(0);
  });

  it('has no queue name BullMQ would reject', () => {
    for (const queue of QUEUE_NAMES) expect(queue).not.toContain(':');
  });

  it('schedules the heartbeat every minute on the maintenance queue', () => {
    expect(JOB_CATALOGUE['maintenance.heartbeat']).toMatchObject({
      queue: 'maintenance',
      repeat: { everyMs: 60_000 },
    });
    // Exactly the queues some catalogued job runs on, in QUEUE_NAMES order (more appear as domains add jobs).
    const used = new Set(JOB_NAMES.map((name) => JOB_CATALOGUE[name].queue));
    expect(queuesWithJobs()).toEqual(QUEUE_NAMES.filter((queue) => used.has(queue)));
    expect(queuesWithJobs()).toEqual(expect.arrayContaining(['webhooks', 'maintenance']));
  });

  it.each(['maintenance.expire-market', 'maintenance.reprice-listings'] as const)(
    'schedules %s every minute on the maintenance queue',
    (name) => {
      expect(JOB_CATALOGUE[name]).toMatchObject({ queue: 'maintenance', repeat: { everyMs: 60_000 } });
    },
  );

  it('recognises only catalogued names', () => {
    expect(isJobName('maintenance.heartbeat')).toBe(true);
    expect(isJobName('maintenance.unknown')).toBe(false);
    expect(isJobName('toString')).toBe(false);
  });
});
