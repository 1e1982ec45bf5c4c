import { DataSource } from 'typeorm';
import { createTestProvider } from '../factories/catalog.factory';
import { startApi, type TestApi } from '../support/api-app';
import { registerFirm, signInOperator, type RegisteredFirm } from '../factories/identity.factory';

const SEEDED = ['anthropic', 'aws-bedrock', 'azure-openai', 'cohere', 'google-vertex', 'mistral', 'openai'];

function policyBody(overrides: Record<string, unknown> = {}) {
  return {
    resale: 'allowed',
    transferMethods: ['invoice_reassignment'],
    minDaysToExpiry: 45,
    resaleableSources: ['prepaid_purchase'],
    buyerEligibility: { sameLegalEntityOnly: false, regions: ['US', 'GB'] },
    maxLotFaceValueMinor: 50_000_000,
    notes: 'Confirmed with the provider account team.',
    sourceUrl: 'https://mistral.ai/terms',
    ...overrides,
  };
}

describe('catalog: providers and versioned policies', () => {
  let api: TestApi;
  let firm: RegisteredFirm;
  let operator: { auth: { Authorization: string } };

  beforeAll(async () => {
    api = await startApi();
    firm = await registerFirm(api.http);
    operator = await signInOperator(api);
  });
  afterAll(() => api.close());

  it('lists the seeded providers with their current policy', async () => {
    const response = await api.http.get('/v1/providers').set(firm.auth).expect(200);
    expect(response.body.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(SEEDED));
    const byCode = Object.fromEntries(response.body.map((p: { code: string }) => [p.code, p]));
    expect(byCode.anthropic.policy).toMatchObject({ resale: 'approval_required' });
    expect(byCode.openai.policy.transferMethods).toEqual(['invoice_reassignment', 'structured_resale']);
    expect(byCode['azure-openai'].policy.buyerEligibility).toEqual({
      sameLegalEntityOnly: true,
      regions: null,
    });
    expect(byCode['google-vertex'].policy.buyerEligibility.sameLegalEntityOnly).toBe(true);
    for (const code of SEEDED) {
      expect(byCode[code].policy.resaleableSources).not.toContain('promotional_grant');
      expect(byCode[code].policy.notes).toMatch(/operator must confirm/);
    }
  });

  it('needs a signed-in caller', async () => {
    await api.http.get('/v1/providers').expect(401);
  });

  it('writes an edit as version N+1 and keeps version N unchanged', async () => {
    const code = await createTestProvider(api.app.get(DataSource));
    const before = await api.http.get(`/v1/admin/providers/${code}/policies`).set(operator.auth).expect(200);
    const current = before.body[0];

    const updated = await api.http
      .put(`/v1/admin/providers/${code}/policy`)
      .set(operator.auth)
      .send(policyBody({ reason: 'terms revised' }))
      .expect(200);
    expect(updated.body).toMatchObject({
      version: current.version + 1,
      minDaysToExpiry: 45,
      maxLotFaceValueMinor: 50_000_000,
    });

    const listed = await api.http.get('/v1/providers').set(firm.auth).expect(200);
    expect(listed.body.find((p: { code: string }) => p.code === code).policy.version).toBe(
      current.version + 1,
    );

    const after = await api.http.get(`/v1/admin/providers/${code}/policies`).set(operator.auth).expect(200);
    expect(after.body).toHaveLength(before.body.length + 1);
    expect(after.body[1]).toEqual(current);
  });

  it('gives concurrent edits consecutive versions', async () => {
    const code = await createTestProvider(api.app.get(DataSource));
    const before = await api.http.get(`/v1/admin/providers/${code}/policies`).set(operator.auth).expect(200);
    const results = await Promise.all(
      [30, 31, 32].map((days) =>
        api.http
          .put(`/v1/admin/providers/${code}/policy`)
          .set(operator.auth)
          .send(policyBody({ minDaysToExpiry: days })),
      ),
    );
    const versions = results.map((r) => r.body.version).sort();
    const base = before.body[0].version;
    expect(versions).toEqual([base + 1, base + 2, base + 3]);
  });

  it('refuses to change or delete a stored version in the database', async () => {
    const db = api.app.get(DataSource);
    await expect(
      db.query(`UPDATE provider_policies SET notes = 'x' WHERE provider_code = 'openai'`),
    ).rejects.toThrow(/immutable/);
    await expect(db.query(`DELETE FROM provider_policies WHERE provider_code = 'openai'`)).rejects.toThrow(
      /immutable/,
    );
  });

  it('lets only operators edit policies', async () => {
    const response = await api.http
      .put('/v1/admin/providers/openai/policy')
      .set(firm.auth)
      .send(policyBody())
      .expect(403);
    expect(response.body.code).toBe('insufficient_role');
  });

  it('validates the policy body field by field', async () => {
    const response = await api.http
      .put('/v1/admin/providers/openai/policy')
      .set(operator.auth)
      .send(
        policyBody({
          resale: 'sometimes',
          transferMethods: ['carrier_pigeon'],
          minDaysToExpiry: -1,
          buyerEligibility: { sameLegalEntityOnly: 'yes', regions: ['XX'] },
        }),
      )
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'buyerEligibility.regions',
      'buyerEligibility.sameLegalEntityOnly',
      'minDaysToExpiry',
      'resale',
      'transferMethods',
    ]);
    const noMethods = await api.http
      .put('/v1/admin/providers/openai/policy')
      .set(operator.auth)
      .send(policyBody({ transferMethods: [] }))
      .expect(400);
    expect(noMethods.body.errors[0].field).toBe('transferMethods');
  });

  it('answers 404 for an unknown provider', async () => {
    await api.http
      .put('/v1/admin/providers/no-such-ai/policy')
      .set(operator.auth)
      .send(policyBody())
      .expect(404);
  });

  it('audits each policy edit with the new version', async () => {
    const code = await createTestProvider(api.app.get(DataSource));
    await api.http
      .put(`/v1/admin/providers/${code}/policy`)
      .set(operator.auth)
      .send(policyBody({ reason: 'annual review' }))
      .expect(200);
    const events = await api.http
      .get(`/v1/admin/audit-events?entityId=${code}`)
      .set(operator.auth)
      .expect(200);
    expect(events.body.data[0]).toMatchObject({
      action: 'catalog.policy_updated',
      data: expect.objectContaining({ version: 2, previousVersion: 1 }),
      actorType: 'operator',
      reason: 'annual review',
    });
  });
});
