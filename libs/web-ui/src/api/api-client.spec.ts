import { createApiClient, withQuery } from './api-client';
import { ApiError, describeError } from './problem';
import { SessionStore } from '../session/session-store';

function respond(status: number, body: unknown, contentType = 'application/problem+json') {
  return jest.fn(
    async () =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': contentType },
      }),
  );
}

describe('createApiClient', () => {
  it('sends the bearer token, JSON and the idempotency key, and returns the parsed body', async () => {
    const fetch = respond(200, { id: 't1' }, 'application/json');
    const api = createApiClient({ getToken: () => 'tok', fetch });

    await expect(api.post('/v1/x', { a: 1 }, { idempotencyKey: 'k1' })).resolves.toEqual({ id: 't1' });

    expect(fetch).toHaveBeenCalledWith('/v1/x', expect.objectContaining({ method: 'POST', body: '{"a":1}' }));
    const headers = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1].headers;
    expect(headers).toMatchObject({
      Authorization: 'Bearer tok',
      'Content-Type': 'application/json',
      'Idempotency-Key': 'k1',
    });
  });

  it('turns problem+json into an ApiError whose field errors map onto form fields', async () => {
    const problem = {
      type: 'https://carryover.example/problems/validation_failed',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid.',
      code: 'validation_failed',
      errors: [
        { field: 'refundMinor', message: 'refundMinor must not exceed the trade gross' },
        { field: 'reason', message: 'reason must be longer than or equal to 1 characters' },
      ],
    };
    const api = createApiClient({ getToken: () => 'tok', fetch: respond(400, problem) });

    const error = (await api
      .post('/v1/admin/disputes/d/resolution', {})
      .catch((e: unknown) => e)) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.fieldErrors({ refundMinor: 'refundAmount' })).toEqual({
      refundAmount: 'refundMinor must not exceed the trade gross',
      reason: 'reason must be longer than or equal to 1 characters',
    });
    expect(describeError(error)).toContain('The request is not valid.');
  });

  it('reports a 401 on an authenticated call as an ended session, but not on sign-in', async () => {
    const onUnauthorized = jest.fn();
    const problem = { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'unauthenticated' };
    const api = createApiClient({ getToken: () => 'old', onUnauthorized, fetch: respond(401, problem) });

    await expect(api.get('/v1/me')).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await expect(api.post('/v1/auth/login', {}, { anonymous: true })).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('makes a problem of an answer that is not problem+json, and of a network failure', async () => {
    const html = createApiClient({ getToken: () => null, fetch: respond(502, undefined, 'text/html') });
    await expect(html.get('/v1/x')).rejects.toMatchObject({ status: 502 });

    const offline = createApiClient({
      getToken: () => null,
      fetch: jest.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    });
    await expect(offline.get('/v1/x')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('leaves empty query values out', () => {
    expect(withQuery('/v1/admin/trades', { status: 'verifying', cursor: undefined, limit: 20 })).toBe(
      '/v1/admin/trades?status=verifying&limit=20',
    );
  });
});

describe('SessionStore', () => {
  function memoryStorage() {
    const items = new Map<string, string>();
    return {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
      items,
    };
  }
  const session = {
    accessToken: 'tok',
    expiresAt: 10_000,
    user: { id: 'u', email: 'o@x', name: 'O', role: 'operator' },
    organization: null,
  };

  it('gives back a saved session until it expires, then forgets it', () => {
    const storage = memoryStorage();
    const store = new SessionStore(storage, 'k');
    store.save(session);

    expect(store.load(9_999)).toEqual(session);
    expect(store.load(10_000)).toBeNull();
    expect(storage.items.has('k')).toBe(false);
  });

  it('drops a session it cannot read', () => {
    const storage = memoryStorage();
    storage.setItem('k', '{not json');
    expect(new SessionStore(storage, 'k').load(0)).toBeNull();
  });
});
