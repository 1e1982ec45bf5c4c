import { validateWorkerEnv } from './worker.env';

describe('WorkerEnv', () => {
  const valid = {
    DATABASE_URL: 'postgres://carryover@localhost:5432/carryover',
    REDIS_URL: 'redis://localhost:6379',
  };

  it('defaults WORKER_CONCURRENCY to 5', () => {
    expect(validateWorkerEnv(valid).WORKER_CONCURRENCY).toBe(5);
  });

  it('reads WORKER_CONCURRENCY from its string form', () => {
    expect(validateWorkerEnv({ ...valid, WORKER_CONCURRENCY: '12' }).WORKER_CONCURRENCY).toBe(12);
  });

  it.each(['0', '65', '2.5', 'many'])('rejects WORKER_CONCURRENCY=%s naming the variable', (value) => {
    expect(() => validateWorkerEnv({ ...valid, WORKER_CONCURRENCY: value })).toThrow(
      /^\s*WORKER_CONCURRENCY: /m,
    );
  });

  it('rejects a bad REDIS_URL naming the variable', () => {
    expect(() => validateWorkerEnv({ ...valid, REDIS_URL: 'localhost:6379' })).toThrow(
      /REDIS_URL: REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/,
    );
  });
});
