import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { defer, lastValueFrom, type Observable } from 'rxjs';
import { computeRequestHash, IdempotencyService, type IdempotentRequest } from '@carryover/shared';
import { idempotencyScope, readIdempotencyKey } from './idempotency-request';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_OPTIONS,
  IDEMPOTENT_REPLAYED_HEADER,
  type IdempotentOptions,
} from './idempotent-options';

/**
 * Runs a handler at most once per Idempotency-Key: the first request executes and its status and body are
 * stored; a retry with the same key and body gets them back; the same key with another body is 422.
 * Apply it with @Idempotent(). It runs after the guards, so `request.user` is known.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly idempotency: IdempotencyService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options =
      this.reflector.getAllAndOverride<IdempotentOptions | undefined>(IDEMPOTENT_OPTIONS, [
        context.getHandler(),
        context.getClass(),
      ]) ?? {};
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { user?: unknown }>();
    const key = readIdempotencyKey(
      request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()],
      options.required === true,
    );
    if (key === undefined) return next.handle();
    return defer(() => this.handleOnce(request, http.getResponse<Response>(), next, key));
  }

  private async handleOnce(
    request: Request & { user?: unknown },
    response: Response,
    next: CallHandler,
    key: string,
  ): Promise<unknown> {
    // The concrete path, so one key cannot replay a response across different resources.
    const path = request.originalUrl.split('?', 1)[0] ?? request.originalUrl;
    const idempotentRequest: IdempotentRequest = {
      scope: idempotencyScope(request.user),
      key,
      method: request.method,
      path,
      requestHash: computeRequestHash(request.method, path, request.body),
    };
    const outcome = await this.idempotency.begin(idempotentRequest);
    if (outcome.kind === 'replay') {
      response.status(outcome.status).setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
      return outcome.body ?? undefined;
    }

    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      // The handler's transaction rolled back, so nothing happened: free the key for a retry.
      await this.idempotency.release(outcome.lease).catch((releaseError: unknown) => {
        this.logger.error(
          { err: releaseError, key, scope: idempotentRequest.scope },
          'could not release key',
        );
      });
      throw error;
    }

    // Nest sets the status (default or @HttpCode) before interceptors run; a handler may also change it.
    try {
      const stored = await this.idempotency.complete(outcome.lease, response.statusCode, body);
      if (!stored)
        this.logger.warn({ key, scope: idempotentRequest.scope }, 'claim was taken over; not stored');
    } catch (error) {
      // The work is done and committed: answer it rather than invite a retry that would run it again.
      this.logger.error({ err: error, key, scope: idempotentRequest.scope }, 'could not store the response');
    }
    return body;
  }
}
