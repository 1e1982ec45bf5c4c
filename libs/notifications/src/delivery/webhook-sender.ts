import { Inject, Injectable } from '@nestjs/common';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from '../domain/webhook-url-policy';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from '../notification-settings';

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** What one POST gave: a response status (any), or an error before a response arrived. */
export interface WebhookResponse {
  ok: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** Sends one webhook POST; wrapped so tests and other transports can replace it. */
export abstract class WebhookSender {
  abstract send(request: WebhookRequest): Promise<WebhookResponse>;
}

const MAX_ERROR_BODY = 200;

/**
 * Node's http(s) client: no redirects followed, a time limit over the whole exchange, and, unless private
 * hosts are allowed, a DNS lookup that refuses loopback/private addresses (so a public name that resolves
 * to an internal address cannot be used to reach the platform's network).
 */
@Injectable()
export class HttpWebhookSender extends WebhookSender {
  constructor(@Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings) {
    super();
  }

  send(request: WebhookRequest): Promise<WebhookResponse> {
    const started = Date.now();
    const { timeoutMs, allowPrivateHosts } = this.settings.webhooks;
    const url = new URL(request.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const body = Buffer.from(request.body, 'utf8');
    return new Promise<WebhookResponse>((resolve) => {
      const done = (status: number | null, error: string | null) => {
        clearTimeout(timer);
        const ok = status !== null && status >= 200 && status < 300;
        resolve({ ok, status, error: ok ? null : error, durationMs: Date.now() - started });
      };
      const outgoing = send(
        url,
        {
          method: 'POST',
          headers: { ...request.headers, 'Content-Length': String(body.length) },
          lookup: allowPrivateHosts ? undefined : publicOnlyLookup,
        },
        (response: IncomingMessage) => {
          const status = response.statusCode ?? 0;
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            if (size < MAX_ERROR_BODY) chunks.push(chunk);
            size += chunk.length;
          });
          response.on('end', () => {
            const excerpt = Buffer.concat(chunks).toString('utf8').slice(0, MAX_ERROR_BODY).trim();
            done(status, `HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`);
          });
          response.on('error', (error: Error) => done(status, `HTTP ${status}: ${error.message}`));
        },
      );
      const timer = setTimeout(
        () => outgoing.destroy(new Error(`no response within ${timeoutMs} ms`)),
        timeoutMs,
      );
      outgoing.on('error', (error: Error) => done(null, error.message));
      outgoing.end(body);
    });
  }
}

/** dns.lookup, refusing to connect when any address it gives is loopback or private. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((entry) => isPrivateAddress(entry.address));
    if (refused) {
      return callback(new Error(`${hostname} resolves to the private address ${refused.address}`), '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0];
    if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
    callback(null, first.address, first.family);
  });
};
