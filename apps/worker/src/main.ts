import { JobWorkers } from '@carryover/jobs';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  // abortOnError off: a failed boot must reach the catch below and exit 1, not abort with a core dump.
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    bufferLogs: true,
    abortOnError: false,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  // useProcessExit: after closing workers, queues, Redis and the pool, exit 0 rather than re-raise the signal.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  logger.log({ queues: app.get(JobWorkers).queueNames }, 'worker ready', 'Worker');
}

bootstrap().catch((error: unknown) => {
  console.error('Worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
