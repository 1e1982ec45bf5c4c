import { Queue, Worker } from 'bullmq';
import { QUEUE_NAMES } from '@carryover/jobs';
import { registerFirm, signInOperator } from '../factories/identity.factory';
import { startApi, type TestApi } from '../support/api-app';
import { eventually } from '../support/stripe-payments';

type Auth = { Authorization: string };

describe('operator queues: counts, failed jobs and retries', () => {
  // A prefix of its own, so no other file's jobs or workers touch these queues.
  const prefix = `${process.env.REDIS_KEY_PREFIX ?? 'carryover-test'}-queue-admin`;
  const connection = { url: process.env.REDIS_URL ?? '' };
  let api: TestApi;
  let operator: Auth;
  let firm: Auth;
  let maintenance: Queue;

  /** Runs the given jobs through a worker that throws, so each ends in the failed set after one attempt. */
  async function failJobs(ids: string[]): Promise<void> {
    for (const id of ids) {
      await maintenance.add('maintenance.heartbeat', { probe: id }, { jobId: id, attempts: 1 });
    }
    const worker = new Worker(
      'maintenance',
      async (job) => {
        throw new Error(`provider timed out for ${job.id}`);
      },
      { connection, prefix, autorun: true },
    );
    try {
      await eventually(
        async () => ((await maintenance.getFailedCount()) >= ids.length ? true : undefined),
        `${ids.length} failed jobs`,
      );
    } finally {
      await worker.close();
    }
  }

  beforeAll(async () => {
    api = await startApi({ env: { REDIS_KEY_PREFIX: prefix } });
    maintenance = new Queue('maintenance', { connection, prefix });
    await maintenance.obliterate({ force: true });
    operator = (await signInOperator(api)).auth;
    firm = (await registerFirm(api.http)).auth;
    await failJobs(['e2e-failed-1', 'e2e-failed-2', 'e2e-failed-3']);
  });
  afterAll(async () => {
    await maintenance.obliterate({ force: true });
    await maintenance.close();
    await api.close();
  });

  it('counts waiting, active, delayed, completed and failed jobs of every queue', async () => {
    const response = await api.http.get('/v1/admin/queues').set(operator).expect(200);

    expect(response.body.map((q: { queue: string }) => q.queue)).toEqual([...QUEUE_NAMES]);
    expect(response.body.find((q: { queue: string }) => q.queue === 'maintenance')).toEqual({
      queue: 'maintenance',
      waiting: 0,
      active: 0,
      delayed: 0,
      completed: 0,
      failed: 3,
    });
  });

  it('lists failed jobs with their name, data, reason, attempts and times, a page at a time', async () => {
    const first = await api.http
      .get('/v1/admin/queues/maintenance/failed')
      .query({ limit: 2 })
      .set(operator)
      .expect(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api.http
      .get('/v1/admin/queues/maintenance/failed')
      .query({ limit: 2, cursor: first.body.nextCursor })
      .set(operator)
      .expect(200);
    expect(second.body.data).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();

    const jobs = [...first.body.data, ...second.body.data];
    expect(jobs.map((job: { id: string }) => job.id).sort()).toEqual([
      'e2e-failed-1',
      'e2e-failed-2',
      'e2e-failed-3',
    ]);
    expect(jobs.find((job: { id: string }) => job.id === 'e2e-failed-2')).toEqual({
      id: 'e2e-failed-2',
      queue: 'maintenance',
      name: 'maintenance.heartbeat',
      data: { probe: 'e2e-failed-2' },
      failedReason: 'provider timed out for e2e-failed-2',
      attemptsMade: 1,
      createdAt: expect.any(String),
      processedAt: expect.any(String),
      failedAt: expect.any(String),
    });
  });

  it('retries a failed job: back to waiting, attempts reset, the retry audited; a second retry is 409', async () => {
    const retried = await api.http
      .post('/v1/admin/queues/maintenance/jobs/e2e-failed-1/retry')
      .set(operator)
      .expect(200);
    expect(retried.body).toMatchObject({ id: 'e2e-failed-1', name: 'maintenance.heartbeat' });

    expect(await maintenance.getJobState('e2e-failed-1')).toBe('waiting');
    expect((await maintenance.getJob('e2e-failed-1'))?.attemptsMade).toBe(0);
    const counts = await api.http.get('/v1/admin/queues').set(operator).expect(200);
    expect(counts.body.find((q: { queue: string }) => q.queue === 'maintenance')).toMatchObject({
      waiting: 1,
      failed: 2,
    });

    const audit = await api.http
      .get('/v1/admin/audit-events')
      .query({ entityId: 'maintenance:e2e-failed-1' })
      .set(operator)
      .expect(200);
    expect(audit.body.data).toEqual([
      expect.objectContaining({
        action: 'jobs.job_retried',
        actorType: 'operator',
        entity: 'job',
        data: expect.objectContaining({ queue: 'maintenance', jobId: 'e2e-failed-1' }),
      }),
    ]);

    const again = await api.http
      .post('/v1/admin/queues/maintenance/jobs/e2e-failed-1/retry')
      .set(operator)
      .expect(409);
    expect(again.body.code).toBe('job_not_failed');
  });

  it('answers 404 for an unknown queue or job, and 400 for a cursor it did not issue', async () => {
    await api.http.get('/v1/admin/queues/nope/failed').set(operator).expect(404);
    await api.http.post('/v1/admin/queues/nope/jobs/e2e-failed-2/retry').set(operator).expect(404);
    await api.http.post('/v1/admin/queues/maintenance/jobs/no-such-job/retry').set(operator).expect(404);
    const bad = await api.http
      .get('/v1/admin/queues/maintenance/failed')
      .query({ cursor: 'not-a-cursor' })
      .set(operator)
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    expect(await maintenance.getJobState('e2e-failed-2')).toBe('failed');
  });

  it('is for operators only: a firm gets 403 and retries nothing', async () => {
    await api.http.get('/v1/admin/queues').set(firm).expect(403);
    await api.http.get('/v1/admin/queues/maintenance/failed').set(firm).expect(403);
    await api.http.post('/v1/admin/queues/maintenance/jobs/e2e-failed-3/retry').set(firm).expect(403);
    await api.http.get('/v1/admin/queues').expect(401);

    expect(await maintenance.getJobState('e2e-failed-3')).toBe('failed');
  });
});
