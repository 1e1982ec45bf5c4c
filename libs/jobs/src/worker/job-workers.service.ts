import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import { JOB_NAMES, queuesWithJobs, type QueueName } from '../job-catalogue';
import { JobQueue } from '../job-queue.service';
import { JOB_QUEUES, type JobQueues } from '../jobs.tokens';
import { JobHandlerRegistry } from './job-handler-registry.service';
import { JOBS_WORKER_OPTIONS, type JobsWorkerOptions } from './jobs-worker.module-definition';

/** Runs one BullMQ worker per queue that has catalogued jobs, dispatching each job through the registry. */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobWorkers.name);
  private workers: Worker[] = [];

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly jobQueue: JobQueue,
    @Inject(JOB_QUEUES) private readonly queues: JobQueues,
    @Inject(JOBS_WORKER_OPTIONS) private readonly options: JobsWorkerOptions,
  ) {}

  /** The queues this process consumes. */
  get queueNames(): string[] {
    return this.workers.map((worker) => worker.name);
  }

  // Bootstrap, not init: processors register their handlers in onModuleInit, which has run by now.
  async onApplicationBootstrap(): Promise<void> {
    this.registry.assertHandles(JOB_NAMES);
    await this.jobQueue.scheduleRepeatable();
    this.workers = queuesWithJobs().map((name) => this.startWorker(name));
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  // Before shutdown, not on it: running jobs finish while the database pool and Redis are still open.
  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`Closing workers (${signal ?? 'application close'}); running jobs finish first`);
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.workers = [];
  }

  private startWorker(name: QueueName): Worker {
    const queue = this.queues.get(name);
    if (!queue) {
      throw new Error(`Queue "${name}" is not registered in JobsModule.`);
    }
    const worker = new Worker(name, (job: Job) => this.run(job), {
      connection: queue.opts.connection,
      prefix: queue.opts.prefix,
      concurrency: this.options.concurrency,
      // Stalled-job recovery: a job whose worker died goes back to wait and runs again.
      lockDuration: this.options.lockDurationMs ?? 30_000,
      stalledInterval: this.options.stalledIntervalMs ?? 30_000,
      maxStalledCount: this.options.maxStalledCount ?? 3,
    });
    worker.on('error', (error: Error) => this.logger.error(`Worker for queue "${name}": ${error.message}`));
    worker.on('failed', (job: Job | undefined, error: Error) =>
      this.logger.warn(
        `Job ${job?.name ?? '?'} ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`,
      ),
    );
    return worker;
  }

  private run(job: Job): Promise<void> {
    return this.registry.dispatch(job.name, job.data, { jobId: job.id ?? '', attempt: job.attemptsMade + 1 });
  }
}
