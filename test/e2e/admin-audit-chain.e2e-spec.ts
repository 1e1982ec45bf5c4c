import { registerFirm, signInOperator } from '../factories/identity.factory';
import { startApi, type TestApi } from '../support/api-app';

describe('GET /v1/admin/audit-chain', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('recomputes the whole chain for an operator and reports it intact up to the newest link', async () => {
    const operator = await signInOperator(api);
    await registerFirm(api.http);
    const newest = await api.http.get('/v1/admin/audit-events').query({ limit: 1 }).set(operator.auth);

    const response = await api.http.get('/v1/admin/audit-chain').set(operator.auth).expect(200);

    expect(response.body).toMatchObject({ ok: true, firstBreak: null });
    expect(response.body.checked).toBeGreaterThanOrEqual(1);
    // Appends from other files may land in between; the newest link seen before is covered all the same.
    expect(typeof response.body.lastHash).toBe('string');
    expect(newest.body.data[0].hash).toEqual(expect.any(String));
  });

  it('the operator console’s routes are in the OpenAPI document, with their responses', async () => {
    const doc = await api.http.get('/docs-json').expect(200);
    for (const [path, method] of [
      ['/v1/admin/audit-chain', 'get'],
      ['/v1/admin/queues', 'get'],
      ['/v1/admin/queues/{name}/failed', 'get'],
      ['/v1/admin/queues/{name}/jobs/{id}/retry', 'post'],
      ['/v1/admin/markets/{providerCode}/stats', 'get'],
    ] as const) {
      expect(doc.body.paths[path]?.[method]?.responses).toHaveProperty('200');
      expect(doc.body.paths[path][method].responses).toHaveProperty('403');
    }
  });

  it('is for operators only', async () => {
    const firm = await registerFirm(api.http);
    await api.http.get('/v1/admin/audit-chain').set(firm.auth).expect(403);
    await api.http.get('/v1/admin/audit-chain').expect(401);
  });
});
