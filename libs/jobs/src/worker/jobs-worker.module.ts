import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs.module';
import { JobHandlerRegistry } from './job-handler-registry.service';
import { JobWorkers } from './job-workers.service';
import { JobsWorkerConfigurableModule } from './jobs-worker.module-definition';

/**
 * The consuming side, for the worker app only: processors register handlers in the exported registry,
 * and boot fails if a catalogued job has none.
 */
@Module({
  imports: [JobsModule],
  providers: [JobHandlerRegistry, JobWorkers],
  exports: [JobHandlerRegistry, JobWorkers],
})
export class JobsWorkerModule extends JobsWorkerConfigurableModule {}
