import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { isJobName, type JobName, type JobPayload } from '../job-catalogue';
import type { JobContext, JobHandler } from './job-handler';

/** Maps each job name to the one handler that runs it; processors fill it in during onModuleInit. */
@Injectable()
export class JobHandlerRegistry {
  // Stored at the widest handler type; register() and run() keep each name paired with its payload type.
  private readonly handlers = new Map<JobName, JobHandler<never>>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) {
      throw new Error(`Job "${name}" already has a handler; a job name is handled in exactly one place.`);
    }
    this.handlers.set(name, handler);
  }

  /** Throws naming every job in `names` that has no handler, so a worker missing one never boots. */
  assertHandles(names: readonly JobName[]): void {
    const missing = names.filter((name) => !this.handlers.has(name));
    if (missing.length > 0) {
      throw new Error(
        `No handler registered for job(s): ${missing.join(', ')}. ` +
          'Every job in libs/jobs job-catalogue.ts needs a processor in the worker that registers it.',
      );
    }
  }

  /** Runs the handler for a stored job; `data` is trusted because only JobQueue enqueues it. */
  async dispatch(name: string, data: unknown, context: JobContext): Promise<void> {
    if (!isJobName(name)) {
      // Retrying cannot help a name the catalogue no longer knows: fail it once, visibly.
      throw new UnrecoverableError(`Unknown job name "${name}": it is not in the job catalogue.`);
    }
    await this.run(name, data as JobPayload<typeof name>, context);
  }

  private async run<N extends JobName>(name: N, payload: JobPayload<N>, context: JobContext): Promise<void> {
    const handler = this.handlers.get(name) as JobHandler<N> | undefined;
    if (!handler) {
      throw new UnrecoverableError(`No handler registered for job "${name}".`);
    }
    await handler(payload, context);
  }
}
