import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { OutboxService, type OutboxEventInput } from '@carryover/jobs';
import { startApi, type TestApi } from './api-app';
import { createIsolatedDatabase, type IsolatedDatabase } from './isolated-database';
import { startSettlementWorker, type SettlementWorker } from './settlement-worker';

export const APP_URL = 'https://app.carryover.test';

/** What the notification suites configure the worker with: retries fast enough to watch. */
export const WORKER_NOTIFICATION_ENV = {
  PUBLIC_APP_URL: APP_URL,
  MAIL_FROM: 'Carryover <notifications@carryover.test>',
  WEBHOOK_TIMEOUT_MS: '2000',
  WEBHOOK_MAX_ATTEMPTS: '3',
  WEBHOOK_RETRY_BASE_MS: '100',
  WEBHOOK_RETRY_MAX_MS: '400',
  WEBHOOK_DISABLE_AFTER_FAILURES: '2',
  WEBHOOK_ALLOW_PRIVATE_HOSTS: 'true',
};

export interface ReceivedMail {
  envelopeTo: string[];
  from: string;
  subject: string;
  text: string;
}

/** A real SMTP server on loopback (smtp-server) that keeps every message it accepts. */
export interface SmtpSink {
  url: string;
  messages: ReceivedMail[];
  stop(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push({
            envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            from: mail.from?.text ?? '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A local webhook receiver whose answers a test scripts (200 unless told otherwise). */
export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Status codes for the next requests, in order; then 200 again. */
  answerNext(...statuses: number[]): void;
  /** Every request gets this status until changed. */
  answerAlways(status: number): void;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(path = '/hooks/carryover'): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  let next: number[] = [];
  let always = 200;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      const status = next.shift() ?? always;
      response.writeHead(status, { 'Content-Type': 'text/plain' }).end(status < 300 ? 'ok' : 'receiver down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    answerNext: (...statuses) => {
      next = statuses;
    },
    answerAlways: (status) => {
      always = status;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The API and the real worker on a database of their own (the worker's relay takes every pending event of
 * its database) under a Redis prefix of their own, with an SMTP sink the worker mails to.
 */
export interface NotificationsBed {
  api: TestApi;
  worker: SettlementWorker;
  smtp: SmtpSink;
  db: DataSource;
  /** The bed's own database, for a second API on it. */
  databaseUrl: string;
  /** Writes events to the outbox in one transaction, as a domain's use case would; returns their ids. */
  publish(...events: OutboxEventInput[]): Promise<string[]>;
  close(): Promise<void>;
}

export async function startNotificationsBed(label: string): Promise<NotificationsBed> {
  const database: IsolatedDatabase = await createIsolatedDatabase(label);
  const smtp = await startSmtpSink();
  const api = await startApi({
    env: {
      DATABASE_URL: database.url,
      REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX ?? 'carryover-test'}-${label}`,
      WEBHOOK_ALLOW_PRIVATE_HOSTS: 'true',
    },
  });
  const worker = await startSettlementWorker({
    api,
    env: { ...WORKER_NOTIFICATION_ENV, SMTP_URL: smtp.url },
  });
  const db = api.app.get(DataSource);
  const outbox = api.app.get(OutboxService, { strict: false });
  return {
    api,
    worker,
    smtp,
    db,
    databaseUrl: database.url,
    publish: (...events) => db.transaction((manager) => outbox.publish(manager, events)),
    close: async () => {
      await worker.close();
      await api.close();
      await smtp.stop();
      await database.drop();
    },
  };
}

/** Polls until `check` returns a value other than undefined, or fails at the deadline. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
