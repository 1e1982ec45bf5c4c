import { CommonEnv, validateEnv } from '@carryover/shared';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';

/** The worker's environment: the common variables plus its own. */
export class WorkerEnv extends CommonEnv {
  // Explicit: decorator metadata of an unannotated property is Object, so implicit conversion would skip it.
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 5;

  /** Stripe secret key, for reconciliation; unset, the jobs that ask Stripe fail as unavailable. */
  @IsOptional()
  @Matches(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, {
    message: 'STRIPE_SECRET_KEY must be a Stripe secret key',
  })
  STRIPE_SECRET_KEY?: string;

  /** Base URL of a Stripe emulator used instead of api.stripe.com. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  STRIPE_API_URL?: string;

  // --- notifications ---
  /** Base URL of the web app; notification e-mails link into it. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PUBLIC_APP_URL?: string;

  /** SMTP server for notification e-mail, e.g. smtps://user:pass@smtp.example:465; unset, e-mail is off. */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** Sender of notification e-mail, e.g. "Carryover <notifications@carryover.example>". */
  @IsOptional()
  @IsString()
  @MaxLength(320)
  MAIL_FROM?: string;

  /** Time limit of one webhook POST, response included. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Attempts per webhook delivery, the first included. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30)
  WEBHOOK_MAX_ATTEMPTS = 8;

  /** Wait before a delivery's second attempt; doubled for each further one. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  WEBHOOK_RETRY_BASE_MS = 30_000;

  /** Longest wait between two attempts. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  WEBHOOK_RETRY_MAX_MS = 3_600_000;

  /** Deliveries in a row that fail after every attempt before their endpoint is disabled. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000)
  WEBHOOK_DISABLE_AFTER_FAILURES = 5;

  /** Deliver to loopback/private addresses; unset: refused in production, allowed elsewhere. */
  @IsOptional()
  @IsIn(['true', 'false'])
  WEBHOOK_ALLOW_PRIVATE_HOSTS?: 'true' | 'false';

  // --- settlement ---
  /** An unpaid trade is cancelled this long after its match (default 24 h). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30 * 86_400)
  PAYMENT_WINDOW_SECONDS = 24 * 3_600;

  /** A funded trade whose seller has not submitted the transfer this long after asked is refunded (default 72 h). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90 * 86_400)
  TRANSFER_WINDOW_SECONDS = 72 * 3_600;

  /** A trade in any other step longer than this is flagged for operators (default 24 h). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90 * 86_400)
  STUCK_STEP_WINDOW_SECONDS = 24 * 3_600;

  /** How long a running job's lock lasts without renewal; a killed worker's jobs stall after it. */
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  WORKER_LOCK_DURATION_MS = 30_000;

  /** How often each worker looks for stalled jobs (a dead worker's) and puts them back to wait. */
  @Type(() => Number)
  @IsInt()
  @Min(500)
  @Max(600_000)
  WORKER_STALLED_INTERVAL_MS = 30_000;

  /** Times a job may stall (its worker died mid-run) and be run again before it fails for operators. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  WORKER_MAX_STALLED_COUNT = 3;
}

/** ConfigModule's `validate` hook: fails the boot with one message naming every bad variable. */
export function validateWorkerEnv(raw: Record<string, unknown>): WorkerEnv {
  return validateEnv(WorkerEnv, raw);
}
