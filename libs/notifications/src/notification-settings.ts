/** How notifications are sent; read once from the process's validated environment. */
export interface NotificationSettings {
  /** Base URL of the web app; e-mails link into it (PUBLIC_APP_URL). */
  appUrl: string;
  mail: {
    /** smtp:// or smtps:// URL; unset, e-mail is logged as disabled and not sent. */
    smtpUrl: string | undefined;
    from: string;
  };
  webhooks: {
    /** Per attempt: connect, send and read the response. */
    timeoutMs: number;
    /** Attempts per delivery, the first included. */
    maxAttempts: number;
    /** Delay before the second attempt; doubled for each further one, up to retryMaxMs. */
    retryBaseMs: number;
    retryMaxMs: number;
    /** Failed deliveries in a row (each after all its attempts) that disable an endpoint. */
    disableAfterFailures: number;
    /** Whether endpoints may point to loopback/private addresses (local runs and tests). */
    allowPrivateHosts: boolean;
  };
}

export const NOTIFICATION_SETTINGS = Symbol('carryover:notification-settings');

export const DEFAULT_MAIL_FROM = 'Carryover <notifications@carryover.local>';

/**
 * Settings from a config reader (ConfigService.get): absent variables take their defaults, so the API,
 * which only validates what it reads, and the worker, which validates them all, build the same thing.
 */
export function notificationSettingsFrom(get: (name: string) => unknown): NotificationSettings {
  const text = (name: string): string | undefined => {
    const value = get(name);
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const int = (name: string, fallback: number): number => {
    const value = Number(text(name) ?? fallback);
    return Number.isSafeInteger(value) && value > 0 ? value : fallback;
  };
  const allowPrivate = text('WEBHOOK_ALLOW_PRIVATE_HOSTS');
  return {
    appUrl: (text('PUBLIC_APP_URL') ?? 'http://localhost:3000').replace(/\/+$/, ''),
    mail: { smtpUrl: text('SMTP_URL'), from: text('MAIL_FROM') ?? DEFAULT_MAIL_FROM },
    webhooks: {
      timeoutMs: int('WEBHOOK_TIMEOUT_MS', 10_000),
      maxAttempts: int('WEBHOOK_MAX_ATTEMPTS', 8),
      retryBaseMs: int('WEBHOOK_RETRY_BASE_MS', 30_000),
      retryMaxMs: int('WEBHOOK_RETRY_MAX_MS', 3_600_000),
      disableAfterFailures: int('WEBHOOK_DISABLE_AFTER_FAILURES', 5),
      // Unset: refused in production only.
      allowPrivateHosts:
        allowPrivate === undefined ? text('NODE_ENV') !== 'production' : ['true', '1'].includes(allowPrivate),
    },
  };
}

/** The wait after failed attempt `attempt` (1-based): base, 2 x base, 4 x base, ... capped at the maximum. */
export function retryDelayMs(settings: NotificationSettings['webhooks'], attempt: number): number {
  return Math.min(settings.retryBaseMs * 2 ** Math.max(0, attempt - 1), settings.retryMaxMs);
}
