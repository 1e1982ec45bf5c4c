import { types } from 'node:util';
import { Redis } from 'ioredis';

/** host:port/db of a Redis URL, without credentials, for error messages and logs. */
export function describeRedisEndpoint(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname}:${parsed.port || '6379'}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(unparseable REDIS_URL)';
  }
}

/**
 * Connects once, without retrying, and pings. Throws a message naming the endpoint so a process pointed
 * at a wrong or down Redis fails at boot instead of retrying silently forever.
 */
export async function assertRedisReachable(url: string, timeoutMs = 5_000): Promise<void> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  let connectionError: unknown;
  probe.on('error', (error: unknown) => {
    connectionError = error;
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch (error: unknown) {
    const cause = connectionError ?? error;
    const reason = types.isNativeError(cause) ? cause.message : String(cause);
    throw new Error(`Redis is unreachable at ${describeRedisEndpoint(url)} (REDIS_URL): ${reason}`, {
      cause,
    });
  } finally {
    probe.disconnect();
  }
}
