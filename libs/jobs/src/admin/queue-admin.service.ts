import { Inject, Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { ConflictError, NotFoundError, ValidationError, type Page } from '@carryover/shared';
import { QUEUE_NAMES, type QueueName } from '../job-catalogue';
import { JOB_QUEUES, type JobQueues } from '../jobs.tokens';

export interface QueueCounts {
  queue: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
}

export interface FailedJob {
  id: string;
  queue: QueueName;
  name: string;
  data: unknown;
  failedReason: string;
  attemptsMade: number;
  createdAt: Date;
  processedAt: Date | null;
  failedAt: Date | null;
}

/** What operators see of BullMQ: counts per queue, the failed jobs, and a retry of one of them. */
@Injectable()
export class QueueAdmin {
  constructor(@Inject(JOB_QUEUES) private readonly queues: JobQueues) {}

  async counts(): Promise<QueueCounts[]> {
    return Promise.all(
      QUEUE_NAMES.map(async (queue) => {
        const counts = await this.queue(queue).getJobCounts(
          'waiting',
          'active',
          'delayed',
          'completed',
          'failed',
        );
        return {
          queue,
          waiting: counts.waiting ?? 0,
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
          completed: counts.completed ?? 0,
          failed: counts.failed ?? 0,
        };
      }),
    );
  }

  /**
   * Failed jobs, most recently failed first. BullMQ keeps them in a sorted set, so the cursor is an opaque
   * offset into it; a retry in between shifts later pages by one, which an operator's list tolerates.
   */
  async failed(name: string, request: { limit: number; cursor?: string }): Promise<Page<FailedJob>> {
    const queue = this.queue(this.queueName(name));
    const start = request.cursor === undefined ? 0 : decodeOffset(request.cursor);
    const jobs = (await queue.getFailed(start, start + request.limit)).filter(
      (job): job is Job => job !== undefined && job !== null,
    );
    const data = jobs.slice(0, request.limit).map((job) => toFailedJob(name as QueueName, job));
    const hasMore = jobs.length > request.limit;
    return { data, nextCursor: hasMore ? encodeOffset(start + request.limit) : null };
  }

  /** The failed job, for the caller to check before retrying it. */
  async getFailed(name: string, id: string): Promise<FailedJob> {
    const queueName = this.queueName(name);
    const job = await this.queue(queueName).getJob(id);
    if (!job) throw new NotFoundError('Job', id);
    const state = await job.getState();
    if (state !== 'failed') {
      throw new ConflictError('job_not_failed', `Job ${id} is ${state}; only a failed job can be retried.`);
    }
    return toFailedJob(queueName, job);
  }

  /** Moves a failed job back to waiting with its attempts reset; 409 when it is no longer failed. */
  async retry(name: string, id: string): Promise<void> {
    const job = await this.queue(this.queueName(name)).getJob(id);
    if (!job) throw new NotFoundError('Job', id);
    try {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    } catch (error) {
      // BullMQ refuses when another retry or the worker moved the job first.
      const state = await job.getState();
      if (state !== 'failed') {
        throw new ConflictError('job_not_failed', `Job ${id} is ${state}; only a failed job can be retried.`);
      }
      throw error;
    }
  }

  private queueName(name: string): QueueName {
    if (!(QUEUE_NAMES as readonly string[]).includes(name)) throw new NotFoundError('Queue', name);
    return name as QueueName;
  }

  private queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`Queue "${name}" is not registered in JobsModule.`);
    return queue;
  }
}

function toFailedJob(queue: QueueName, job: Job): FailedJob {
  return {
    id: job.id ?? '',
    queue,
    name: job.name,
    data: job.data as unknown,
    failedReason: job.failedReason ?? '',
    attemptsMade: job.attemptsMade,
    createdAt: new Date(job.timestamp),
    processedAt: job.processedOn ? new Date(job.processedOn) : null,
    failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
  };
}

function encodeOffset(offset: number): string {
  return Buffer.from(`failed:${offset}`).toString('base64url');
}

function decodeOffset(cursor: string): number {
  const match = /^failed:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new ValidationError([{ field: 'cursor', message: 'cursor is not one this API issued' }]);
  return Number(match[1]);
}
