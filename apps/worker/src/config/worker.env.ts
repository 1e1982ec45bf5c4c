import { CommonEnv, validateEnv } from '@carryover/shared';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** The worker's environment: the common variables plus its own. */
export class WorkerEnv extends CommonEnv {
  // Explicit: decorator metadata of an unannotated property is Object, so implicit conversion would skip it.
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 5;
}

/** ConfigModule's `validate` hook: fails the boot with one message naming every bad variable. */
export function validateWorkerEnv(raw: Record<string, unknown>): WorkerEnv {
  return validateEnv(WorkerEnv, raw);
}
