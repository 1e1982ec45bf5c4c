import type { Queue } from 'bullmq';
import type { QueueName } from './job-catalogue';

/** Injection token of the map from queue name to its BullMQ Queue. */
export const JOB_QUEUES = Symbol('JOB_QUEUES');
export type JobQueues = ReadonlyMap<QueueName, Queue>;
