import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { CommonEnv } from '@carryover/shared';
import type { Queue } from 'bullmq';
import { WorkerHeartbeat } from './heartbeat/worker-heartbeat.service';
import { QUEUE_NAMES, type QueueName } from './job-catalogue';
import { JobQueue } from './job-queue.service';
import { JOB_QUEUES, type JobQueues } from './jobs.tokens';
import { JobsRedisClient } from './redis/jobs-redis-client.service';
import { assertRedisReachable } from './redis/redis-endpoint';

const logger = new Logger('JobsModule');

function collectQueues(...queues: Queue[]): JobQueues {
  const byName = new Map<QueueName, Queue>();
  QUEUE_NAMES.forEach((name, index) => {
    const queue = queues[index];
    // Without a listener BullMQ prints connection errors to stderr, outside the structured log.
    queue.on('error', (error: Error) => logger.error(`Queue "${name}": ${error.message}`));
    byName.set(name, queue);
  });
  return byName;
}

/**
 * BullMQ on REDIS_URL with every job key under REDIS_KEY_PREFIX, the queues, and the typed JobQueue.
 * Imported by the api (to enqueue) and the worker (to consume); expects the global ConfigModule and
 * ClockModule (one clock per application, so a test that moves it moves it everywhere).
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: async (config: ConfigService<CommonEnv, true>) => {
        const url = config.get('REDIS_URL', { infer: true });
        // Probed before any queue exists, so an unreachable Redis fails the boot instead of retrying forever.
        await assertRedisReachable(url);
        return { connection: { url }, prefix: config.get('REDIS_KEY_PREFIX', { infer: true }) };
      },
    }),
    BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name }))),
  ],
  providers: [
    {
      provide: JOB_QUEUES,
      inject: QUEUE_NAMES.map((name) => getQueueToken(name)),
      useFactory: collectQueues,
    },
    JobQueue,
    JobsRedisClient,
    WorkerHeartbeat,
  ],
  exports: [JOB_QUEUES, JobQueue, WorkerHeartbeat],
})
export class JobsModule {}
