import Redis from 'ioredis';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { REDIS } from '@carryover/shared';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { startApi, type TestApi } from '../support/api-app';
import { createApiKey, registerBody, registerFirm } from '../factories/identity.factory';

describe('operations and cross-cutting behaviour', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('reports health of the database and Redis', async () => {
    const response = await api.http.get('/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('exposes Prometheus metrics with per-route request timings', async () => {
    await api.http.get('/v1/me').expect(401);
    const response = await api.http.get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toMatch(
      /carryover_http_request_duration_seconds_count\{method="GET",route="\/v1\/me",status="401"\} \d+/,
    );
    expect(response.text).toContain('carryover_process_cpu_user_seconds_total');
  });

  it('serves Swagger UI and an OpenAPI document with both auth schemes', async () => {
    const ui = await api.http.get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger-ui');
    const doc = await api.http.get('/docs-json').expect(200);
    expect(doc.body.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      'api-key': { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    });
    for (const path of [
      '/v1/auth/register',
      '/v1/auth/login',
      '/v1/me',
      '/v1/organizations/me/members',
      '/v1/api-keys/{id}',
    ]) {
      expect(doc.body.paths).toHaveProperty([path]);
    }
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await api.http.get('/v1/no-such-thing').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: 404,
      code: 'not_found',
      type: 'urn:carryover:problem:not_found',
    });
  });

  it('answers an oversized body with a 413 problem', async () => {
    const body = registerBody({ organization: { name: 'x'.repeat(200 * 1024) } });
    const response = await api.http.post('/v1/auth/register').send(body).expect(413);
    expect(response.body).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('echoes a sane X-Request-Id and carries it into problems', async () => {
    const response = await api.http.get('/v1/me').set('X-Request-Id', 'trace-abc.123').expect(401);
    expect(response.headers['x-request-id']).toBe('trace-abc.123');
    expect(response.body.requestId).toBe('trace-abc.123');
    const generated = await api.http.get('/v1/me').set('X-Request-Id', 'bad id with spaces').expect(401);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const response = await api.http.get('/health').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers).not.toHaveProperty('x-powered-by');
  });

  it('answers 503 naming Redis when Redis is unreachable', async () => {
    const down = await startApi();
    try {
      down.app.get<Redis>(REDIS).disconnect();
      const response = await down.http.get('/health').expect(503);
      expect(response.body).toMatchObject({ status: 'error', error: { redis: { status: 'down' } } });
    } finally {
      await down.close();
    }
  });

  it('answers 503 naming the database when the database is unreachable', async () => {
    const down = await startApi();
    try {
      await down.app.get(DataSource).destroy();
      const response = await down.http.get('/health').expect(503);
      expect(response.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    } finally {
      await down.close().catch(() => undefined);
    }
  });

  it('fails to boot on a bad environment, naming the variable', async () => {
    await expect(createApiApp({ env: { JWT_SECRET: 'too-short' } })).rejects.toThrow(/JWT_SECRET/);
    await expect(createApiApp({ env: { DATABASE_URL: 'mysql://nope' } })).rejects.toThrow(/DATABASE_URL/);
  });
});

describe('logging', () => {
  it('never writes passwords, tokens or API keys to the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const api = await startApi({ env: { LOG_LEVEL: 'trace' }, logDestination: sink });
    try {
      const firm = await registerFirm(api.http);
      const login = await api.http
        .post('/v1/auth/login')
        .send({ email: firm.email, password: firm.password })
        .expect(200);
      const { key } = await createApiKey(api.http, firm);
      await api.http.get('/v1/me').set('X-Api-Key', key).expect(200);
      await api.http
        .get('/v1/me?token=abc')
        .set('Authorization', `Bearer ${login.body.accessToken}`)
        .expect(200);
      await api.http
        .post('/v1/auth/login')
        .send({ email: firm.email, password: 'wrong-password-xyz' })
        .expect(401);

      const log = lines.join('');
      expect(log).toContain('"path":"/v1/me"');
      for (const secret of [firm.password, 'wrong-password-xyz', firm.token, login.body.accessToken, key]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await api.close();
    }
  });
});
