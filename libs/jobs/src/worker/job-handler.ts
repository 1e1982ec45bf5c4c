import type { JobName, JobPayload } from '../job-catalogue';

/** What a handler may know about the run besides its payload. */
export interface JobContext {
  jobId: string;
  /** 1 on the first run, incremented by each retry. */
  attempt: number;
}

/** Handles one job name. Must be idempotent: a job can run more than once. */
export type JobHandler<N extends JobName> = (payload: JobPayload<N>, context: JobContext) => Promise<void>;
