import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Record<number, string> = {
  400: 'validation_failed: malformed JSON, unknown or invalid fields (one entry per field)',
  401: 'missing, invalid or revoked credentials',
  403: 'authenticated but not allowed',
  404: 'not found, or not visible to the caller',
  409: 'state conflict; `code` names it',
  422: 'business rule; `code` names it (e.g. idempotency_key_reuse)',
  429: 'rate limited; see Retry-After',
};

/** Documents the problem+json responses a route can give. */
export const ProblemResponses = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'error',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
      }),
    ),
  );
