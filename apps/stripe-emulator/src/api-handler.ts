import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorCore } from './core';
import { ROUTES } from './core';
import { apiError, authenticationError, StripeApiError, unrecognizedUrl } from './errors';
import { type FaultRule, faultError } from './faults';
import { parseForm } from './form-parser';
import { delay, header, send } from './http-io';
import type { StoredResponse } from './idempotency';
import { token } from './ids';
import { expandPaths } from './params';
import { type ApiRequest, matchRoute, snapshot } from './router';
import type { EmulatorStore } from './store';

/** One call to /v1: delay, authentication, routing, faults, idempotency, the handler, expansion. */
export async function handleApiCall(
  core: EmulatorCore,
  incoming: IncomingMessage,
  response: ServerResponse,
  url: URL,
  body: string,
): Promise<void> {
  const method = incoming.method ?? 'GET';
  const requestId = `req_${token(14)}`;
  const apiVersion = header(incoming, 'stripe-version');
  const idempotencyKey = method === 'POST' ? header(incoming, 'idempotency-key') : null;
  const baseHeaders: Record<string, string> = {
    'Request-Id': requestId,
    ...(apiVersion ? { 'Stripe-Version': apiVersion } : {}),
    ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
  };
  const answer = (result: StoredResponse): void =>
    send(response, result.status, result.body, { ...baseHeaders, ...result.headers });

  if (core.faults.delayMs > 0) await delay(core.faults.delayMs);
  const match = matchRoute(ROUTES, method, url.pathname);
  core.countApiCall(method, match.route?.path ?? url.pathname);
  let fault: FaultRule | undefined;
  let started = false;
  try {
    authenticate(core, header(incoming, 'authorization'));
    if (!match.route) throw unrecognizedUrl(method, url.pathname);
    fault = core.faults.takeRule(method, url.pathname);
    if (fault && (fault.kind === 'rate_limit' || fault.phase === 'before')) throw faultError(fault);
    const params = parseForm(method === 'POST' ? body : url.search.slice(1));
    const decision = idempotencyKey
      ? core.idempotency.begin(idempotencyKey, method, url.pathname, params)
      : ({ kind: 'proceed' } as const);
    let result: StoredResponse;
    if (decision.kind === 'replay') {
      result = {
        ...decision.response,
        headers: { ...decision.response.headers, 'Idempotent-Replayed': 'true' },
      };
    } else {
      started = true;
      core.noteApiVersion(apiVersion);
      const request: ApiRequest = {
        method,
        path: url.pathname,
        params,
        requestId,
        idempotencyKey,
        stripeAccount: header(incoming, 'stripe-account'),
        apiVersion,
      };
      const ran = run(core, request, match.route.handler, match.id);
      if (idempotencyKey) {
        if (ran.keep) core.idempotency.complete(idempotencyKey, ran.response);
        else core.idempotency.abandon(idempotencyKey);
      }
      result = ran.response;
    }
    // The call ran (or was replayed) but the answer is lost; a retry with the same key replays the result.
    if (fault?.kind === 'fail' && fault.phase === 'after') throw faultError(fault);
    answer(result);
  } catch (error) {
    if (idempotencyKey && started) core.idempotency.abandon(idempotencyKey);
    answer(errorResponse(error));
  }
}

function authenticate(core: EmulatorCore, authorization: string | null): void {
  if (!authorization) {
    throw authenticationError(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  const key = apiKey(authorization);
  if (key !== core.secretKey) {
    throw authenticationError(`Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(8)}${key.slice(-4)}`);
  }
}

/** `Bearer <key>` as the SDK sends it, or Basic with the key as user name as in Stripe's curl examples. */
function apiKey(authorization: string): string {
  const [scheme, credentials = ''] = authorization.split(' ', 2);
  if (/^bearer$/i.test(scheme)) return credentials;
  if (/^basic$/i.test(scheme)) return Buffer.from(credentials, 'base64').toString('utf8').split(':')[0];
  return '';
}

function run(
  core: EmulatorCore,
  request: ApiRequest,
  handler: (context: EmulatorCore, request: ApiRequest, id: string) => object,
  id: string,
): { response: StoredResponse; keep: boolean } {
  try {
    const result = handler(core, request, id);
    expand(result, expandPaths(request.params), core.store);
    return { response: { status: 200, body: JSON.stringify(result, null, 2), headers: {} }, keep: true };
  } catch (error) {
    // Stripe keeps no idempotent result for a request that failed validation before it ran.
    const keep = error instanceof StripeApiError && !error.validation;
    return { response: errorResponse(error), keep };
  }
}

function errorResponse(error: unknown): StoredResponse {
  const apiFailure =
    error instanceof StripeApiError
      ? error
      : apiError(`The Stripe emulator failed: ${error instanceof Error ? error.message : String(error)}`);
  if (!(error instanceof StripeApiError)) console.error('[stripe-emulator]', error);
  return {
    status: apiFailure.status,
    body: JSON.stringify({ error: apiFailure.body }, null, 2),
    headers: apiFailure.headers,
  };
}

/** `expand[]=latest_charge` or `expand[]=data.latest_charge`: ids replaced by the objects they name. */
function expand(node: unknown, paths: string[], store: EmulatorStore): void {
  for (const path of paths) expandPath(node, path.split('.'), store);
}

function expandPath(node: unknown, segments: string[], store: EmulatorStore): void {
  if (Array.isArray(node)) {
    node.forEach((item) => expandPath(item, segments, store));
    return;
  }
  if (typeof node !== 'object' || node === null || segments.length === 0) return;
  const record = node as Record<string, unknown>;
  const [key, ...rest] = segments;
  const value = record[key];
  if (rest.length === 0 && typeof value === 'string') {
    const found = store.find(value);
    if (found) record[key] = snapshot(found);
  } else {
    expandPath(value, rest, store);
  }
}
