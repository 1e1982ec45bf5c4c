import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { LogLevel } from '@carryover/shared';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Paths whose values never reach a log line, whatever a future log call passes. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'req.headers["stripe-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.accessToken',
  '*.key',
  '*.secret',
  '*.token',
];

/** nestjs-pino settings: JSON logs, a request id per request (taken from X-Request-Id when sane). */
export function loggerParams(level: LogLevel, destination?: DestinationStream): Params {
  return {
    pinoHttp: [
      {
        level,
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        genReqId: (request: IncomingMessage, response: ServerResponse) => {
          const incoming = request.headers['x-request-id'];
          const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
          response.setHeader('X-Request-Id', id);
          return id;
        },
        serializers: {
          // Only what operators need: no bodies, no query strings (they may carry cursors or e-mails).
          req: (request: { id: unknown; method: string; url: string }) => ({
            id: request.id,
            method: request.method,
            path: request.url.split('?')[0],
          }),
          res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
        },
        customLogLevel: (_request, response, error) =>
          error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
        autoLogging: { ignore: (request) => request.url === '/health' || request.url === '/metrics' },
      },
      ...(destination ? [destination] : []),
    ] as Params['pinoHttp'],
  };
}
