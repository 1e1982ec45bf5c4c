import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import {
  isJobName,
  JOB_CATALOGUE,
  JOB_NAMES,
  QUEUE_NAMES,
  type JobName,
  type JobPayload,
  type QueueName,
} from './job-catalogue';
import { JOB_QUEUES, type JobQueues } from './jobs.tokens';

export interface EnqueueOptions {
  /** Makes the enqueue idempotent: BullMQ ignores a job whose id is already stored (e.g. the outbox event id). */
  jobId: string;
  delayMs?: number;
}

/** Enqueues typed jobs on the queue, with the options, that the job catalogue assigns them. */
@Injectable()
export class JobQueue {
  constructor(@Inject(JOB_QUEUES) private readonly queues: JobQueues) {}

  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: EnqueueOptions): Promise<void> {
    if (options.jobId.trim() === '') {
      throw new Error(`Job "${name}" needs a jobId: without one a retried enqueue would duplicate the job.`);
    }
    const { queue, options: jobOptions } = JOB_CATALOGUE[name];
    await this.queue(queue).add(name, payload, {
      ...jobOptions,
      jobId: options.jobId,
      delay: options.delayMs,
    });
  }

  /**
   * Enqueues several jobs in one round trip per queue; each needs its jobId, and a job whose id is already
   * stored on its queue is ignored, so a repeated call enqueues nothing twice.
   */
  async enqueueMany(jobs: readonly { name: JobName; payload: unknown; jobId: string }[]): Promise<void> {
    const byQueue = new Map<QueueName, { name: string; data: unknown; opts: object }[]>();
    for (const job of jobs) {
      if (job.jobId.trim() === '') {
        throw new Error(
          `Job "${job.name}" needs a jobId: without one a retried enqueue would duplicate the job.`,
        );
      }
      const { queue, options } = JOB_CATALOGUE[job.name];
      const list = byQueue.get(queue) ?? [];
      list.push({ name: job.name, data: job.payload, opts: { ...options, jobId: job.jobId } });
      byQueue.set(queue, list);
    }
    await Promise.all([...byQueue].map(([queue, list]) => this.queue(queue).addBulk(list)));
  }

  /**
   * Creates or updates the schedule of every repeatable job and removes schedules the catalogue no longer
   * declares. Idempotent, so every worker instance may run it at boot.
   */
  async scheduleRepeatable(): Promise<void> {
    for (const name of JOB_NAMES) {
      const { queue, options, repeat } = JOB_CATALOGUE[name];
      if (repeat) {
        await this.queue(queue).upsertJobScheduler(
          name,
          { every: repeat.everyMs },
          { name, data: {}, opts: options },
        );
      }
    }
    for (const queueName of QUEUE_NAMES) {
      const queue = this.queue(queueName);
      for (const scheduler of await queue.getJobSchedulers()) {
        if (!this.isScheduledOn(scheduler.key, queueName)) {
          await queue.removeJobScheduler(scheduler.key);
        }
      }
    }
  }

  private isScheduledOn(schedulerId: string, queue: QueueName): boolean {
    if (!isJobName(schedulerId)) {
      return false;
    }
    const definition = JOB_CATALOGUE[schedulerId];
    return definition.queue === queue && definition.repeat !== undefined;
  }

  private queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) {
      throw new Error(`Queue "${name}" is not registered in JobsModule.`);
    }
    return queue;
  }
}
