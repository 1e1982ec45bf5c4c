import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IDEMPOTENT_OPTIONS, type IdempotentOptions } from './idempotent-options';

/**
 * Honours the `Idempotency-Key` header on this route (or every route of a controller): optional by
 * default, mandatory with `{ required: true }`. Needs IdempotencyModule imported by the app.
 */
export function Idempotent(options: IdempotentOptions = {}): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(IDEMPOTENT_OPTIONS, { required: options.required ?? false }),
    UseInterceptors(IdempotencyInterceptor),
  );
}
