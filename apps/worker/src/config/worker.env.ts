import { CommonEnv, validateEnv } from '@carryover/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUrl, Matches, Max, Min } from 'class-validator';

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
}

/** ConfigModule's `validate` hook: fails the boot with one message naming every bad variable. */
export function validateWorkerEnv(raw: Record<string, unknown>): WorkerEnv {
  return validateEnv(WorkerEnv, raw);
}
