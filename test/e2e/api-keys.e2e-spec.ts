import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startApi, type TestApi } from '../support/api-app';
import { addMember, createApiKey, registerFirm, type RegisteredFirm } from '../factories/identity.factory';

describe('identity: API keys', () => {
  let api: TestApi;
  let firm: RegisteredFirm;
  let otherFirm: RegisteredFirm;

  beforeAll(async () => {
    api = await startApi();
    firm = await registerFirm(api.http);
    otherFirm = await registerFirm(api.http);
  });
  afterAll(() => api.close());

  it('shows the key once, stores only its hash, and lets it act as the organisation', async () => {
    const created = await api.http.post('/v1/api-keys').set(firm.auth).send({ name: 'treasury' }).expect(201);
    expect(created.body).toMatchObject({ name: 'treasury', role: 'trader', revokedAt: null });
    expect(created.body.key).toMatch(/^co_/);

    const rows = await api.app
      .get(DataSource)
      .query('SELECT key_hash, prefix FROM api_keys WHERE id = $1', [created.body.id]);
    expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].key_hash).not.toContain(created.body.key);
    expect(created.body.key.startsWith(rows[0].prefix)).toBe(true);

    const me = await api.http.get('/v1/me').set('X-Api-Key', created.body.key).expect(200);
    expect(me.body).toMatchObject({ authenticatedAs: 'api_key', role: 'trader', user: null });
    expect(me.body.organization.id).toBe(firm.organizationId);

    const list = await api.http.get('/v1/api-keys').set(firm.auth).expect(200);
    const listed = list.body.data.find((k: { id: string }) => k.id === created.body.id);
    expect(listed).toMatchObject({ name: 'treasury', prefix: rows[0].prefix });
    expect(listed).not.toHaveProperty('key');
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
  });

  it('stops a revoked key on its very next request', async () => {
    const { id, key } = await createApiKey(api.http, firm);
    await api.http.get('/v1/me').set('X-Api-Key', key).expect(200);
    await api.http.delete(`/v1/api-keys/${id}`).set(firm.auth).expect(204);
    const refused = await api.http.get('/v1/me').set('X-Api-Key', key).expect(401);
    expect(refused.body.code).toBe('invalid_api_key');
    const again = await api.http.delete(`/v1/api-keys/${id}`).set(firm.auth).expect(409);
    expect(again.body.code).toBe('already_revoked');
  });

  it('rejects unknown and malformed keys with 401', async () => {
    await api.http
      .get('/v1/me')
      .set('X-Api-Key', `co_${'A'.repeat(43)}`)
      .expect(401);
    await api.http.get('/v1/me').set('X-Api-Key', 'nonsense').expect(401);
  });

  it.each(['viewer', 'trader'] as const)('forbids a %s from creating keys (403)', async (role) => {
    const member = await addMember(api.http, firm, role);
    const response = await api.http.post('/v1/api-keys').set(member.auth).send({ name: 'mine' }).expect(403);
    expect(response.body.code).toBe('insufficient_role');
  });

  it('does not let a trader-role key manage keys', async () => {
    const { key } = await createApiKey(api.http, firm);
    await api.http.post('/v1/api-keys').set('X-Api-Key', key).send({ name: 'minted-by-key' }).expect(403);
  });

  it('hides another organisation’s key: revoking it is 404 and it keeps working', async () => {
    const foreign = await createApiKey(api.http, otherFirm);
    await api.http.delete(`/v1/api-keys/${foreign.id}`).set(firm.auth).expect(404);
    await api.http.get('/v1/me').set('X-Api-Key', foreign.key).expect(200);
    const list = await api.http.get('/v1/api-keys').set(firm.auth).expect(200);
    expect(list.body.data.map((k: { id: string }) => k.id)).not.toContain(foreign.id);
    await api.http.delete(`/v1/api-keys/${randomUUID()}`).set(firm.auth).expect(404);
  });

  it('validates the body', async () => {
    const response = await api.http
      .post('/v1/api-keys')
      .set(firm.auth)
      .send({ name: '', role: 'operator' })
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'role']);
  });
});
