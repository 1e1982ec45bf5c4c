export * from './queue-admin.module';
export * from './queue-admin.service';
export * from './retry-failed-job.use-case';
