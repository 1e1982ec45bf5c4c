import { ConfigurableModuleBuilder } from '@nestjs/common';

export interface JobsWorkerOptions {
  /** Jobs each queue's worker runs at once. */
  concurrency: number;
  /** A running job's lock; when its worker dies the job is stalled once this lapses (BullMQ default 30 s). */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for and put back to wait (BullMQ default 30 s). */
  stalledIntervalMs?: number;
  /** Stalls a job survives before it fails; BullMQ's default of 1 fails it at the second worker death. */
  maxStalledCount?: number;
}

export const {
  ConfigurableModuleClass: JobsWorkerConfigurableModule,
  MODULE_OPTIONS_TOKEN: JOBS_WORKER_OPTIONS,
} = new ConfigurableModuleBuilder<JobsWorkerOptions>().setClassMethodName('forRoot').build();
