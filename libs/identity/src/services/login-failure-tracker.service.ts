import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { REDIS } from '@carryover/shared';

export const LOGIN_FAILURE_BURST = 5;
export const LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60;

/** Counts failed logins per e-mail in Redis so a burst is noticed across every API instance. */
@Injectable()
export class LoginFailureTracker {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Records one failure; true exactly once per window, when the count reaches the burst threshold. */
  async recordFailure(email: string): Promise<{ failures: number; isBurst: boolean }> {
    const key = this.key(email);
    const [[, failures]] = (await this.redis
      .multi()
      .incr(key)
      .expire(key, LOGIN_FAILURE_WINDOW_SECONDS, 'NX')
      .exec()) as [[Error | null, number]];
    return { failures, isBurst: failures === LOGIN_FAILURE_BURST };
  }

  async clear(email: string): Promise<void> {
    await this.redis.del(this.key(email));
  }

  private key(email: string): string {
    // Hashed so e-mail addresses do not sit in Redis key names.
    return `auth:login-failures:${createHash('sha256').update(email).digest('hex')}`;
  }
}
