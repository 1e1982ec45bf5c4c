import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleApiCall } from './api-handler';
import type { StripeEmulatorControl } from './control/control';
import { CONTROL_ROUTES, ControlInputError, parseControlBody } from './control/control-api';
import type { EmulatorCore } from './core';
import { unrecognizedUrl } from './errors';
import { BodyTooLargeError, readBody, send, sendJson } from './http-io';
import { visitAccountLink } from './resources/accounts';

const ACCOUNT_LINK = /^\/setup\/e\/acct_[A-Za-z0-9]+\/([A-Za-z0-9]+)$/;

/** The emulator's HTTP server: Stripe's API under /v1, account-link pages, and the control API. */
export function createEmulatorServer(core: EmulatorCore, control: StripeEmulatorControl): Server {
  return createServer((incoming, response) => {
    handle(core, control, incoming, response).catch((error: unknown) => {
      console.error('[stripe-emulator]', error);
      if (!response.headersSent)
        sendJson(response, 500, { error: { type: 'api_error', message: String(error) } });
      else response.destroy();
    });
  });
}

async function handle(
  core: EmulatorCore,
  control: StripeEmulatorControl,
  incoming: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(incoming.url ?? '/', 'http://emulator.invalid');
  const method = incoming.method ?? 'GET';
  let body: string;
  try {
    body = await readBody(incoming);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return sendJson(response, 413, { error: { message: error.message } });
    throw error;
  }
  if (url.pathname.startsWith('/v1/')) return handleApiCall(core, incoming, response, url, body);
  if (url.pathname.startsWith('/_emulator/')) return handleControl(control, method, url, body, response);
  const link = ACCOUNT_LINK.exec(url.pathname);
  if (method === 'GET' && link) {
    const location = visitAccountLink(core, link[1]);
    if (!location) return send(response, 404, 'This account link is not known.\n', {}, 'text/plain');
    return send(response, 302, `Redirecting to ${location}\n`, { Location: location }, 'text/plain');
  }
  sendJson(response, 404, { error: unrecognizedUrl(method, url.pathname).body });
}

async function handleControl(
  control: StripeEmulatorControl,
  method: string,
  url: URL,
  body: string,
  response: ServerResponse,
): Promise<void> {
  const path = url.pathname.slice('/_emulator'.length);
  if (method === 'GET' && path === '/health') return sendJson(response, 200, { ok: true });
  const call = Object.prototype.hasOwnProperty.call(CONTROL_ROUTES, `${method} ${path}`)
    ? CONTROL_ROUTES[`${method} ${path}`]
    : undefined;
  if (!call) return sendJson(response, 404, { error: `no control operation ${method} ${path}` });
  try {
    const result = await call(control, parseControlBody(body));
    if (result === undefined) return send(response, 204, '');
    sendJson(response, 200, result);
  } catch (error) {
    if (error instanceof ControlInputError || error instanceof RangeError) {
      return sendJson(response, 400, { error: error.message });
    }
    throw error;
  }
}
