import { Module } from '@nestjs/common';
import { AuditModule } from '@carryover/audit';
import { JobsModule } from '../jobs.module';
import { QueueAdmin } from './queue-admin.service';
import { RetryFailedJobUseCase } from './retry-failed-job.use-case';

/** Queue inspection and retries for the operators' API; expects TypeORM and a global ConfigModule. */
@Module({
  imports: [JobsModule, AuditModule],
  providers: [QueueAdmin, RetryFailedJobUseCase],
  exports: [QueueAdmin, RetryFailedJobUseCase],
})
export class QueueAdminModule {}
