import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { DomainError } from '@carryover/shared';

/**
 * Rate limit for the sign-in endpoints, counted in Redis across instances. Tracked per client address
 * and e-mail, so one address cannot hammer an account and one account's failures do not block an office.
 */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const ip = String(request.ip ?? 'unknown');
    const body = request.body as { email?: unknown; user?: { email?: unknown } } | undefined;
    const email =
      typeof body?.email === 'string'
        ? body.email
        : typeof body?.user?.email === 'string'
          ? body.user.email
          : '';
    return `${ip}:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16)}`;
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(
      1,
      Math.ceil((detail.isBlocked ? detail.timeToBlockExpire : detail.timeToExpire) || 1),
    );
    context
      .switchToHttp()
      .getResponse<{ setHeader(name: string, value: string): void }>()
      .setHeader('Retry-After', String(seconds));
    throw new DomainError(
      'rate_limited',
      'rate_limited',
      `Too many attempts; try again in ${seconds} seconds.`,
    );
  }
}
