import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestProvider } from '../factories/catalog.factory';
import { startApi, type TestApi } from '../support/api-app';
import { addMember, registerFirm, signInOperator, type RegisteredFirm } from '../factories/identity.factory';
import { daysFromNow, lotBody } from '../factories/credits.factory';

type Auth = { Authorization: string };

describe('credit lots, KYC and the review queue', () => {
  let api: TestApi;
  let operator: { auth: Auth };
  let seller: RegisteredFirm;
  let otherFirm: RegisteredFirm;

  beforeAll(async () => {
    api = await startApi();
    operator = await signInOperator(api);
    seller = await registerFirm(api.http);
    otherFirm = await registerFirm(api.http);
  });
  afterAll(() => api.close());

  const openReviews = async () => {
    const items: Array<{
      id: string;
      subjectType: string;
      subjectId: string;
      checks: Array<{ rule: string }>;
    }> = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await api.http
        .get(`/v1/admin/reviews?status=open&limit=200${query}`)
        .set(operator.auth)
        .expect(200);
      items.push(...page.body.data);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items;
  };

  it('walks a lot from registration through KYC and operator verification', async () => {
    const firm = await registerFirm(api.http, { organization: { legalEntityName: 'Walk Through Ltd' } });
    const orgReview = (await openReviews()).find(
      (r) => r.subjectType === 'organization' && r.subjectId === firm.organizationId,
    );
    expect(orgReview).toBeDefined();

    const created = await api.http
      .post('/v1/credit-lots')
      .set(firm.auth)
      .send(
        lotBody({
          providerCode: await createTestProvider(api.app.get(DataSource), { minDaysToExpiry: 20 }),
          faceValueMinor: 2_500_000,
        }),
      )
      .expect(201);
    expect(created.body).toMatchObject({
      status: 'pending_verification',
      faceValueMinor: 2_500_000,
      listedMinor: 0,
      soldMinor: 0,
      availableMinor: 2_500_000,
      compliance: { outcome: 'review' },
    });
    const outcomes = Object.fromEntries(
      created.body.compliance.checks.map((c: { rule: string; outcome: string }) => [c.rule, c.outcome]),
    );
    expect(outcomes).toMatchObject({
      seller_kyc_not_verified: 'review',
      lot_not_verified: 'review',
      resale_prohibited: 'pass',
    });
    // tradableUntil = expiresAt - the policy's 20 days
    expect(new Date(created.body.expiresAt).getTime() - new Date(created.body.tradableUntil).getTime()).toBe(
      20 * 86_400_000,
    );

    const lotReview = (await openReviews()).find(
      (r) => r.subjectType === 'credit_lot' && r.subjectId === created.body.id,
    );
    expect(lotReview?.checks.map((c) => c.rule).sort()).toEqual([
      'lot_not_verified',
      'seller_kyc_not_verified',
    ]);

    const kyc = await api.http
      .post(`/v1/admin/organizations/${firm.organizationId}/kyc`)
      .set(operator.auth)
      .send({ decision: 'verify', reason: 'registry extract and director ID checked' })
      .expect(200);
    expect(kyc.body).toMatchObject({ kycStatus: 'verified', legalEntityName: 'Walk Through Ltd' });

    const decided = await api.http
      .post(`/v1/admin/reviews/${lotReview?.id}`)
      .set(operator.auth)
      .send({ decision: 'approve', reason: 'statement matches the provider console' })
      .expect(200);
    expect(decided.body).toMatchObject({
      status: 'approved',
      decisionReason: 'statement matches the provider console',
    });

    const lot = await api.http.get(`/v1/credit-lots/${created.body.id}`).set(firm.auth).expect(200);
    expect(lot.body).toMatchObject({
      status: 'verified',
      verificationReason: 'statement matches the provider console',
    });
    const stillOpen = (await openReviews()).map((r) => r.subjectId);
    expect(stillOpen).not.toContain(created.body.id);
    expect(stillOpen).not.toContain(firm.organizationId);

    const again = await api.http
      .post(`/v1/admin/reviews/${lotReview?.id}`)
      .set(operator.auth)
      .send({ decision: 'reject', reason: 'changed my mind' })
      .expect(409);
    expect(again.body.code).toBe('review_already_decided');

    const trail = await api.http
      .get(`/v1/admin/audit-events?entityId=${created.body.id}`)
      .set(operator.auth)
      .expect(200);
    expect(trail.body.data.map((e: { action: string }) => e.action)).toEqual([
      'credits.lot_verified',
      'credits.lot_registered',
    ]);
  });

  it('rejects a lot through the verification endpoint and closes its review item', async () => {
    const created = await api.http.post('/v1/credit-lots').set(seller.auth).send(lotBody()).expect(201);
    const rejected = await api.http
      .post(`/v1/admin/credit-lots/${created.body.id}/verification`)
      .set(operator.auth)
      .send({ decision: 'reject', reason: 'statement reference unknown to the provider' })
      .expect(200);
    expect(rejected.body.status).toBe('rejected');
    expect((await openReviews()).map((r) => r.subjectId)).not.toContain(created.body.id);
    await api.http
      .post(`/v1/admin/credit-lots/${created.body.id}/verification`)
      .set(operator.auth)
      .send({ decision: 'verify', reason: 'x' })
      .expect(409);
  });

  it('refuses lots the provider’s terms forbid, storing nothing', async () => {
    const prohibited = await api.http
      .post('/v1/credit-lots')
      .set(seller.auth)
      .send(lotBody({ providerCode: 'aws-bedrock', transferMethods: ['structured_resale'] }))
      .expect(422);
    expect(prohibited.body.code).toBe('compliance_blocked');
    expect(prohibited.body.compliance.checks).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'resale_prohibited', outcome: 'block' })]),
    );

    const promotional = await api.http
      .post('/v1/credit-lots')
      .set(seller.auth)
      .send(lotBody({ source: 'promotional_grant' }))
      .expect(422);
    expect(promotional.body.compliance.checks).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'source_not_resaleable', outcome: 'block' })]),
    );

    const wrongMethod = await api.http
      .post('/v1/credit-lots')
      .set(seller.auth)
      .send(lotBody({ providerCode: 'openai', transferMethods: ['account_transfer'] }))
      .expect(422);
    expect(wrongMethod.body.compliance.checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'transfer_method_not_allowed', outcome: 'block' }),
      ]),
    );

    const list = await api.http.get('/v1/credit-lots?limit=200').set(seller.auth).expect(200);
    expect(list.body.data.map((l: { providerCode: string }) => l.providerCode)).not.toContain('aws-bedrock');
  });

  it.each([
    ['a past expiry', { expiresAt: daysFromNow(-1) }, 400, 'expiresAt'],
    ['an expiry inside the transfer window', { expiresAt: daysFromNow(5) }, 422, 'expiresAt'],
    ['an unknown provider', { providerCode: 'hal-9000' }, 422, 'providerCode'],
    [
      'a currency the provider does not bill in',
      { providerCode: 'anthropic', currency: 'EUR' },
      422,
      'currency',
    ],
    ['a zero face value', { faceValueMinor: 0 }, 400, 'faceValueMinor'],
    ['a fractional face value', { faceValueMinor: 10.5 }, 400, 'faceValueMinor'],
    ['no transfer method', { transferMethods: [] }, 400, 'transferMethods'],
    ['an expiry without a time zone', { expiresAt: '2027-01-01T00:00:00' }, 400, 'expiresAt'],
    ['missing evidence', { evidence: undefined }, 400, 'evidence'],
  ])('rejects %s, naming the field', async (_label, overrides, status, field) => {
    const response = await api.http
      .post('/v1/credit-lots')
      .set(seller.auth)
      .send(lotBody(overrides))
      .expect(status);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('keeps lots private to their organisation', async () => {
    const created = await api.http.post('/v1/credit-lots').set(seller.auth).send(lotBody()).expect(201);
    await api.http.get(`/v1/credit-lots/${created.body.id}`).set(otherFirm.auth).expect(404);
    const theirs = await api.http.get('/v1/credit-lots?limit=200').set(otherFirm.auth).expect(200);
    expect(theirs.body.data.map((l: { id: string }) => l.id)).not.toContain(created.body.id);
    await api.http.get(`/v1/credit-lots/${randomUUID()}`).set(seller.auth).expect(404);
  });

  it('lets viewers read lots but only traders register them', async () => {
    const viewer = await addMember(api.http, seller, 'viewer');
    await api.http.post('/v1/credit-lots').set(viewer.auth).send(lotBody()).expect(403);
    await api.http.get('/v1/credit-lots').set(viewer.auth).expect(200);
    const trader = await addMember(api.http, seller, 'trader');
    await api.http.post('/v1/credit-lots').set(trader.auth).send(lotBody()).expect(201);
  });

  it('keeps verification, reviews and KYC to operators', async () => {
    const created = await api.http.post('/v1/credit-lots').set(seller.auth).send(lotBody()).expect(201);
    await api.http
      .post(`/v1/admin/credit-lots/${created.body.id}/verification`)
      .set(seller.auth)
      .send({ decision: 'verify', reason: 'self-service' })
      .expect(403);
    await api.http.get('/v1/admin/reviews').set(seller.auth).expect(403);
    await api.http
      .post(`/v1/admin/organizations/${seller.organizationId}/kyc`)
      .set(seller.auth)
      .send({ decision: 'verify', reason: 'self-service' })
      .expect(403);
    await api.http
      .post(`/v1/admin/organizations/${randomUUID()}/kyc`)
      .set(operator.auth)
      .send({ decision: 'verify', reason: 'x' })
      .expect(404);
  });

  it('cites the policy version in force: stored checks keep version N after an edit to N+1', async () => {
    const code = await createTestProvider(api.app.get(DataSource));
    const first = await api.http
      .post('/v1/credit-lots')
      .set(seller.auth)
      .send(lotBody({ providerCode: code }))
      .expect(201);
    const versionN = first.body.compliance.policyVersion;

    const current = (
      await api.http.get(`/v1/admin/providers/${code}/policies`).set(operator.auth).expect(200)
    ).body[0];
    await api.http
      .put(`/v1/admin/providers/${code}/policy`)
      .set(operator.auth)
      .send({
        resale: current.resale,
        transferMethods: current.transferMethods,
        minDaysToExpiry: current.minDaysToExpiry,
        resaleableSources: current.resaleableSources,
        buyerEligibility: current.buyerEligibility,
        maxLotFaceValueMinor: 500_000,
        notes: 'lots above $5,000 need a look',
      })
      .expect(200);

    const second = await api.http
      .post('/v1/credit-lots')
      .set(seller.auth)
      .send(lotBody({ providerCode: code }))
      .expect(201);
    expect(second.body.compliance.policyVersion).toBe(versionN + 1);
    expect(second.body.compliance.checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'lot_above_policy_maximum', outcome: 'review' }),
      ]),
    );

    const reread = await api.http.get(`/v1/credit-lots/${first.body.id}`).set(seller.auth).expect(200);
    expect(reread.body.compliance.policyVersion).toBe(versionN);
    expect(reread.body.policyVersion).toBe(versionN);
  });
});
