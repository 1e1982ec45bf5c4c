import { Module } from '@nestjs/common';
import { IdempotencyStoreModule } from '@carryover/shared';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** Import into the module whose controllers use @Idempotent(): it brings the store the interceptor needs. */
@Module({
  imports: [IdempotencyStoreModule],
  providers: [IdempotencyInterceptor],
  exports: [IdempotencyStoreModule, IdempotencyInterceptor],
})
export class IdempotencyModule {}
