import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { DomainError, type DomainErrorKind, type FieldError } from '@carryover/shared';

/** RFC 9457 problem details, as every Carryover error is rendered. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  requestId?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  business_rule: HttpStatus.UNPROCESSABLE_ENTITY,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
  503: 'service_unavailable',
};

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Partial<ProblemDetails> = {},
): ProblemDetails {
  return {
    type: `urn:carryover:problem:${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    ...extra,
  };
}

interface BodyParserError {
  type: string;
  status?: number;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { type?: unknown }).type === 'string' &&
    String((error as { type: string }).type).startsWith('entity.')
  );
}

/** Maps any thrown value to a problem; unknown errors become a 500 that reveals nothing internal. */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof DomainError) {
    return problem(STATUS_BY_KIND[error.kind], error.code, error.message, {
      ...(error.errors ? { errors: error.errors } : {}),
      ...error.extensions,
    });
  }
  if (isBodyParserError(error)) return bodyParserProblem(error);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? String((response as { message: unknown }).message)
        : error.message;
    const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
    return problem(status, code, status === 404 ? 'No such resource.' : message);
  }
  return problem(
    HttpStatus.INTERNAL_SERVER_ERROR,
    'internal_error',
    'An unexpected error occurred; it has been logged.',
  );
}

function bodyParserProblem(error: BodyParserError): ProblemDetails {
  switch (error.type) {
    case 'entity.parse.failed':
      return problem(400, 'validation_failed', 'The request body is not valid JSON.', {
        errors: [{ field: 'body', message: `malformed JSON: ${error.message}` }],
      });
    case 'entity.too.large':
      return problem(413, 'payload_too_large', 'The request body is larger than this API accepts.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return problem(415, 'unsupported_media_type', error.message);
    default:
      return problem(error.status ?? 400, 'bad_request', error.message);
  }
}
