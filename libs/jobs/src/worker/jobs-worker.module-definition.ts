import { ConfigurableModuleBuilder } from '@nestjs/common';

export interface JobsWorkerOptions {
  /** Jobs each queue's worker runs at once. */
  concurrency: number;
}

export const {
  ConfigurableModuleClass: JobsWorkerConfigurableModule,
  MODULE_OPTIONS_TOKEN: JOBS_WORKER_OPTIONS,
} = new ConfigurableModuleBuilder<JobsWorkerOptions>().setClassMethodName('forRoot').build();
