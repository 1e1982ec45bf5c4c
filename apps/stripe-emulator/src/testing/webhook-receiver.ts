import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export interface ReceivedWebhook {
  event: Stripe.Event;
  signature: string;
  rawBody: string;
}

export interface WebhookReceiver {
  /** the URL to configure as the emulator's webhook endpoint */
  url: string;
  /** events verified with `stripe.webhooks.constructEvent`, in arrival order (duplicates included) */
  received: ReceivedWebhook[];
  /** deliveries whose signature did not verify; answered 400 */
  rejected: string[];
  /** answer the next `count` deliveries with `status` (500 by default) without recording them */
  failNext(count: number, status?: number): void;
  /** the received events matching `predicate`, once there are at least `count`; rejects after `timeoutMs` */
  waitFor(
    predicate: (event: Stripe.Event) => boolean,
    options?: { count?: number; timeoutMs?: number },
  ): Promise<Stripe.Event[]>;
  clear(): void;
  stop(): Promise<void>;
}

const POLL_MS = 10;

/** A local endpoint that verifies Stripe signatures, for tests of code that receives Stripe webhooks. */
export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const rejected: string[] = [];
  const failures: number[] = [];
  const server = createServer((request, response) => {
    void readAll(request).then((rawBody) => answer(request, response, rawBody));
  });
  const answer = (request: IncomingMessage, response: ServerResponse, rawBody: string): void => {
    const failure = failures.shift();
    if (failure !== undefined) return void response.writeHead(failure).end();
    const signature = String(request.headers['stripe-signature'] ?? '');
    try {
      const event = Stripe.webhooks.constructEvent(rawBody, signature, secret);
      received.push({ event, signature, rawBody });
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"received":true}');
    } catch (error) {
      rejected.push(error instanceof Error ? error.message : String(error));
      response.writeHead(400).end();
    }
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const waitFor: WebhookReceiver['waitFor'] = async (predicate, options = {}) => {
    const { count = 1, timeoutMs = 5_000 } = options;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matching = received.map(({ event }) => event).filter(predicate);
      if (matching.length >= count) return matching;
      if (Date.now() > deadline) {
        const seen = received.map(({ event }) => `${event.type} ${event.id}`).join(', ') || 'none';
        throw new Error(`expected ${count} matching webhook(s) within ${timeoutMs} ms; received: ${seen}`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };

  return {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    received,
    rejected,
    failNext: (count, status = 500) => failures.push(...Array<number>(count).fill(status)),
    waitFor,
    clear: () => {
      received.length = 0;
      rejected.length = 0;
      failures.length = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readAll(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
