import { notificationSettingsFrom, retryDelayMs } from './notification-settings';

describe('notification settings', () => {
  const from = (env: Record<string, unknown>) => notificationSettingsFrom((name) => env[name]);

  it('defaults: e-mail off, 8 attempts 30 s apart and doubling, disabled after 5 failed deliveries', () => {
    const settings = from({});
    expect(settings.mail.smtpUrl).toBeUndefined();
    expect(settings.appUrl).toBe('http://localhost:3000');
    expect(settings.webhooks).toMatchObject({ maxAttempts: 8, retryBaseMs: 30_000, disableAfterFailures: 5 });
  });

  it('allows private hosts outside production unless told otherwise', () => {
    expect(from({ NODE_ENV: 'development' }).webhooks.allowPrivateHosts).toBe(true);
    expect(from({ NODE_ENV: 'production' }).webhooks.allowPrivateHosts).toBe(false);
    expect(
      from({ NODE_ENV: 'production', WEBHOOK_ALLOW_PRIVATE_HOSTS: 'true' }).webhooks.allowPrivateHosts,
    ).toBe(true);
    expect(from({ NODE_ENV: 'test', WEBHOOK_ALLOW_PRIVATE_HOSTS: false }).webhooks.allowPrivateHosts).toBe(
      false,
    );
  });

  it('backs off exponentially up to the cap', () => {
    const webhooks = from({ WEBHOOK_RETRY_BASE_MS: 100, WEBHOOK_RETRY_MAX_MS: 500 }).webhooks;
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(webhooks, attempt))).toEqual([
      100, 200, 400, 500, 500,
    ]);
  });
});
