import { DataSource } from 'typeorm';
import { startApi, type TestApi } from '../support/api-app';
import { registerBody, registerFirm, uniqueEmail, VALID_PASSWORD } from '../factories/identity.factory';

describe('identity: register, login, me', () => {
  let api: TestApi;
  let db: DataSource;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  const countUsers = async (email: string) =>
    Number((await db.query('SELECT count(*) AS n FROM users WHERE email = $1', [email.toLowerCase()]))[0].n);

  describe('POST /v1/auth/register', () => {
    it('creates the organisation and its org_admin and returns a working token', async () => {
      const body = registerBody({ organization: { name: 'Acme Analytics', country: 'DE' } });
      const response = await api.http.post('/v1/auth/register').send(body).expect(201);

      expect(response.body.organization).toMatchObject({
        name: 'Acme Analytics',
        country: 'DE',
        kycStatus: 'pending',
      });
      expect(response.body.user).toMatchObject({ email: body.user.email, role: 'org_admin' });
      expect(response.body.user).not.toHaveProperty('passwordHash');
      expect(response.body.user.organizationId).toBe(response.body.organization.id);

      const me = await api.http
        .get('/v1/me')
        .set('Authorization', `Bearer ${response.body.accessToken}`)
        .expect(200);
      expect(me.body.user.id).toBe(response.body.user.id);
      expect(me.body.organization.id).toBe(response.body.organization.id);
    });

    it('stores an argon2id hash, never the password', async () => {
      const firm = await registerFirm(api.http);
      const [row] = await db.query('SELECT password_hash FROM users WHERE id = $1', [firm.adminId]);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain(firm.password);
    });

    it('refuses a taken e-mail with 409 email_taken, whatever its case', async () => {
      const firm = await registerFirm(api.http);
      const response = await api.http
        .post('/v1/auth/register')
        .send(registerBody({ user: { email: firm.email.toUpperCase() } }))
        .expect(409);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 409, code: 'email_taken' });
      expect(await countUsers(firm.email)).toBe(1);
    });

    it('lets exactly one of two simultaneous sign-ups with one e-mail through', async () => {
      const email = uniqueEmail('race');
      const body = registerBody({ user: { email } });
      const responses = await Promise.all([0, 1].map(() => api.http.post('/v1/auth/register').send(body)));
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(await countUsers(email)).toBe(1);
      // The losing request's organisation was rolled back with its user: one organisation of that name.
      const organizations = await db.query('SELECT count(*) AS n FROM organizations WHERE name = $1', [
        body.organization.name,
      ]);
      expect(Number(organizations[0].n)).toBe(1);
    });

    it('rejects a short password with 400 naming user.password, and creates nothing', async () => {
      const body = registerBody({ user: { password: 'short-11chr' } });
      const response = await api.http.post('/v1/auth/register').send(body).expect(400);
      expect(response.body.code).toBe('validation_failed');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'user.password' })]),
      );
      expect(await countUsers(body.user.email)).toBe(0);
    });

    it.each([
      ['an unknown top-level field', { plan: 'gold' }, 'plan'],
      ['an unknown nested field', { user: { isOperator: true } }, 'user.isOperator'],
    ])('rejects %s with 400 naming it', async (_label, extra, field) => {
      const base = registerBody();
      const body =
        'user' in extra ? { ...base, user: { ...base.user, ...extra.user } } : { ...base, ...extra };
      const response = await api.http.post('/v1/auth/register').send(body).expect(400);
      expect(response.body.errors).toEqual([{ field, message: 'is not a known field' }]);
      expect(await countUsers(base.user.email)).toBe(0);
    });

    it.each([
      ['organization.country', registerBody({ organization: { country: 'XX' } })],
      ['user.email', registerBody({ user: { email: 'not-an-email' } })],
      ['organization.name', registerBody({ organization: { name: '' } })],
    ])('rejects an invalid %s', async (field, body) => {
      const response = await api.http.post('/v1/auth/register').send(body).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('rejects a missing section with 400 naming it', async () => {
      const { user } = registerBody();
      const response = await api.http.post('/v1/auth/register').send({ user }).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('organization');
    });

    it('replays a retried sign-up with the same Idempotency-Key instead of failing on the e-mail', async () => {
      const body = registerBody();
      const key = `register-${body.user.email}`;
      const first = await api.http
        .post('/v1/auth/register')
        .set('Idempotency-Key', key)
        .send(body)
        .expect(201);
      const retry = await api.http
        .post('/v1/auth/register')
        .set('Idempotency-Key', key)
        .send(body)
        .expect(201);
      expect(retry.body.organization.id).toBe(first.body.organization.id);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await countUsers(body.user.email)).toBe(1);

      const reused = await api.http
        .post('/v1/auth/register')
        .set('Idempotency-Key', key)
        .send(registerBody())
        .expect(422);
      expect(reused.body.code).toBe('idempotency_key_reuse');
    });

    it('answers malformed JSON with a 400 problem', async () => {
      const response = await api.http
        .post('/v1/auth/register')
        .set('Content-Type', 'application/json')
        .send('{"organization": {"name": "Acme",')
        .expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(response.body.errors[0].field).toBe('body');
    });
  });

  describe('POST /v1/auth/login', () => {
    it('returns a bearer token and its lifetime', async () => {
      const firm = await registerFirm(api.http);
      const response = await api.http
        .post('/v1/auth/login')
        .send({ email: `  ${firm.email.toUpperCase()} `, password: firm.password })
        .expect(200);
      expect(response.body.expiresIn).toBeGreaterThan(0);
      await api.http.get('/v1/me').set('Authorization', `Bearer ${response.body.accessToken}`).expect(200);
    });

    it('gives the same 401 for a wrong password and an unknown e-mail', async () => {
      const firm = await registerFirm(api.http);
      const wrong = await api.http
        .post('/v1/auth/login')
        .send({ email: firm.email, password: 'not-the-password' })
        .expect(401);
      const unknown = await api.http
        .post('/v1/auth/login')
        .send({ email: uniqueEmail('nobody'), password: VALID_PASSWORD })
        .expect(401);
      const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
      expect(strip(wrong.body)).toEqual(strip(unknown.body));
      expect(wrong.body.code).toBe('invalid_credentials');
    });
  });

  describe('GET /v1/me', () => {
    it('needs credentials', async () => {
      const response = await api.http.get('/v1/me').expect(401);
      expect(response.body.code).toBe('unauthenticated');
    });

    it.each([
      ['a garbage token', 'Bearer not.a.jwt'],
      ['a token signed with another secret', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'],
      ['another scheme', 'Basic dXNlcjpwYXNz'],
    ])('rejects %s with 401', async (_label, header) => {
      await api.http.get('/v1/me').set('Authorization', header).expect(401);
    });
  });
});

describe('identity: sign-in rate limit', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi({ env: { AUTH_RATE_LIMIT_PER_MINUTE: 3 } });
  });
  afterAll(() => api.close());

  it('answers 429 with Retry-After once the limit for an address and e-mail is spent', async () => {
    const email = uniqueEmail('throttled');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push(
        (await api.http.post('/v1/auth/login').send({ email, password: 'wrong-password-123' })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await api.http
      .post('/v1/auth/login')
      .send({ email, password: 'wrong-password-123' })
      .expect(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
