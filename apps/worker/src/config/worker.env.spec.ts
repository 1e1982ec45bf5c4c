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

  it('defaults the notification settings: e-mail off, 8 webhook attempts from 30 s, disabled after 5 failures', () => {
    expect(validateWorkerEnv(valid)).toMatchObject({
      SMTP_URL: undefined,
      WEBHOOK_MAX_ATTEMPTS: 8,
      WEBHOOK_RETRY_BASE_MS: 30_000,
      WEBHOOK_DISABLE_AFTER_FAILURES: 5,
      WEBHOOK_TIMEOUT_MS: 10_000,
    });
  });

  it.each([
    ['SMTP_URL', 'mail.example.com:25'],
    ['WEBHOOK_MAX_ATTEMPTS', '0'],
    ['WEBHOOK_RETRY_BASE_MS', 'soon'],
    ['WEBHOOK_ALLOW_PRIVATE_HOSTS', 'yes'],
    ['PUBLIC_APP_URL', 'carryover.example'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => validateWorkerEnv({ ...valid, [name]: value })).toThrow(new RegExp(`^\\s*${name}: `, 'm'));
  });

  it('rejects a bad REDIS_URL naming the variable', () => {
    expect(() => validateWorkerEnv({ ...valid, REDIS_URL: 'localhost:6379' })).toThrow(
      /REDIS_URL: REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/,
    );
  });
});
