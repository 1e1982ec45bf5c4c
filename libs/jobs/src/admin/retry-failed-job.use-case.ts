import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type AuditActor } from '@carryover/audit';
import { QueueAdmin, type FailedJob } from './queue-admin.service';

/**
 * An operator retries a failed job. The audit event is appended in a transaction that commits only after
 * BullMQ accepted the retry, so the log never records a retry that did not happen.
 */
@Injectable()
export class RetryFailedJobUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueAdmin,
    private readonly audit: AuditService,
  ) {}

  async execute(actor: AuditActor, queue: string, jobId: string): Promise<FailedJob> {
    const job = await this.queues.getFailed(queue, jobId);
    await this.dataSource.transaction(async (manager) => {
      await this.audit.append(manager, {
        actor,
        action: 'jobs.job_retried',
        entity: 'job',
        entityId: `${job.queue}:${job.id}`,
        data: { queue: job.queue, jobId: job.id, name: job.name, failedReason: job.failedReason },
      });
      await this.queues.retry(queue, jobId);
    });
    return job;
  }
}
