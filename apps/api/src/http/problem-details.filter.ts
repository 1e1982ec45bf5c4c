import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem';

/** Renders every error as application/problem+json, so clients parse one error shape everywhere. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = toProblem(error);
    if (body.status >= 500) this.logger.error({ err: error, requestId: request.id }, 'unhandled error');

    if (error instanceof HttpException && body.status === 429) {
      const retryAfter = response.getHeader('Retry-After');
      if (retryAfter === undefined) response.setHeader('Retry-After', '60');
    }
    if (response.headersSent) return;
    response
      .status(body.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(
        JSON.stringify({ ...body, requestId: request.id !== undefined ? String(request.id) : undefined }),
      );
  }
}
