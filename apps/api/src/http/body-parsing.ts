import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, type NextFunction, type Request, type Response } from 'express';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem';

/** Raw bytes of the body, kept for signature checks (Stripe webhooks). */
export type RequestWithRawBody = Request & { rawBody?: Buffer };

/**
 * JSON parsing with a size limit; parse and size errors are answered here as problem+json, because
 * they happen before Nest's routing and so never reach its exception filters.
 */
export function installBodyParsing(app: NestExpressApplication, limitBytes: number): void {
  app.use(
    json({
      limit: limitBytes,
      verify: (request: RequestWithRawBody, _response, buffer) => {
        request.rawBody = buffer;
      },
    }),
  );
  app.use((error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    const body = toProblem(error);
    response
      .status(body.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify({ ...body, requestId: request.id }));
  });
}
