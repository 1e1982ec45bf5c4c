import { randomUUID } from 'node:crypto';
import { AuthenticationService } from '@carryover/identity';
import { startApi, type TestApi } from '../support/api-app';
import {
  addMember,
  registerFirm,
  uniqueEmail,
  VALID_PASSWORD,
  type RegisteredFirm,
} from '../factories/identity.factory';

describe('identity: organisation members', () => {
  let api: TestApi;
  let firm: RegisteredFirm;
  let otherFirm: RegisteredFirm;

  beforeAll(async () => {
    api = await startApi();
    firm = await registerFirm(api.http);
    otherFirm = await registerFirm(api.http);
  });
  afterAll(() => api.close());

  const memberBody = (role = 'trader') => ({
    email: uniqueEmail(role),
    name: 'New Colleague',
    password: VALID_PASSWORD,
    role,
  });

  it('lets an org_admin add a member who can then sign in with that role', async () => {
    const body = memberBody('viewer');
    const created = await api.http.post('/v1/organizations/me/members').set(firm.auth).send(body).expect(201);
    expect(created.body).toMatchObject({
      email: body.email,
      role: 'viewer',
      organizationId: firm.organizationId,
    });

    const login = await api.http
      .post('/v1/auth/login')
      .send({ email: body.email, password: body.password })
      .expect(200);
    const me = await api.http
      .get('/v1/me')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ role: 'viewer', organization: { id: firm.organizationId } });
  });

  it.each(['trader', 'viewer'] as const)('forbids a %s from adding members (403)', async (role) => {
    const member = await addMember(api.http, firm, role);
    const response = await api.http
      .post('/v1/organizations/me/members')
      .set(member.auth)
      .send(memberBody())
      .expect(403);
    expect(response.body.code).toBe('insufficient_role');
  });

  it('refuses a taken e-mail, an unknown role and a short password', async () => {
    await api.http
      .post('/v1/organizations/me/members')
      .set(firm.auth)
      .send({ ...memberBody(), email: otherFirm.email })
      .expect(409);
    const badRole = await api.http
      .post('/v1/organizations/me/members')
      .set(firm.auth)
      .send(memberBody('operator'))
      .expect(400);
    expect(badRole.body.errors.map((e: { field: string }) => e.field)).toEqual(['role']);
    const shortPassword = await api.http
      .post('/v1/organizations/me/members')
      .set(firm.auth)
      .send({ ...memberBody(), password: 'too-short' })
      .expect(400);
    expect(shortPassword.body.errors.map((e: { field: string }) => e.field)).toEqual(['password']);
  });

  it('lists only the caller’s own members, newest first, with a working cursor', async () => {
    await addMember(api.http, firm, 'trader');
    await addMember(api.http, firm, 'trader');
    const first = await api.http.get('/v1/organizations/me/members?limit=2').set(firm.auth).expect(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api.http
      .get(`/v1/organizations/me/members?limit=200&cursor=${encodeURIComponent(first.body.nextCursor)}`)
      .set(firm.auth)
      .expect(200);
    const all = [...first.body.data, ...second.body.data];
    expect(new Set(all.map((m: { id: string }) => m.id)).size).toBe(all.length);
    expect(all.every((m: { organizationId: string }) => m.organizationId === firm.organizationId)).toBe(true);
    expect(all.map((m: { id: string }) => m.id)).toContain(firm.adminId);
    expect(all.map((m: { id: string }) => m.id)).not.toContain(otherFirm.adminId);
  });

  it('rejects a limit outside 1..200 and a forged cursor', async () => {
    const tooMany = await api.http.get('/v1/organizations/me/members?limit=201').set(firm.auth).expect(400);
    expect(tooMany.body.errors[0].field).toBe('limit');
    const forged = await api.http.get('/v1/organizations/me/members?cursor=abc').set(firm.auth).expect(400);
    expect(forged.body.errors[0].field).toBe('cursor');
  });

  it('answers 404 for another organisation’s member on every route, and changes nothing', async () => {
    const foreign = await addMember(api.http, otherFirm, 'trader');
    await api.http.get(`/v1/organizations/me/members/${foreign.id}`).set(firm.auth).expect(404);
    await api.http
      .patch(`/v1/organizations/me/members/${foreign.id}`)
      .set(firm.auth)
      .send({ role: 'viewer' })
      .expect(404);
    const removed = await api.http
      .delete(`/v1/organizations/me/members/${foreign.id}`)
      .set(firm.auth)
      .expect(404);
    expect(removed.body.code).toBe('not_found');

    const stillThere = await api.http
      .get(`/v1/organizations/me/members/${foreign.id}`)
      .set(otherFirm.auth)
      .expect(200);
    expect(stillThere.body).toMatchObject({ role: 'trader', disabledAt: null });
    await api.http.get('/v1/me').set(foreign.auth).expect(200);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    await api.http.get(`/v1/organizations/me/members/${randomUUID()}`).set(firm.auth).expect(404);
    const response = await api.http.get('/v1/organizations/me/members/not-a-uuid').set(firm.auth).expect(400);
    expect(response.body.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
  });

  it('changes a role, and never leaves an organisation without an org_admin', async () => {
    const solo = await registerFirm(api.http);
    const lastAdmin = await api.http
      .patch(`/v1/organizations/me/members/${solo.adminId}`)
      .set(solo.auth)
      .send({ role: 'trader' })
      .expect(409);
    expect(lastAdmin.body.code).toBe('last_org_admin');
    await api.http.delete(`/v1/organizations/me/members/${solo.adminId}`).set(solo.auth).expect(409);

    const colleague = await addMember(api.http, solo, 'trader');
    const promoted = await api.http
      .patch(`/v1/organizations/me/members/${colleague.id}`)
      .set(solo.auth)
      .send({ role: 'org_admin' })
      .expect(200);
    expect(promoted.body.role).toBe('org_admin');
    // The promotion is live on the colleague's existing token: roles are read per request.
    await api.http.post('/v1/api-keys').set(colleague.auth).send({ name: 'now-allowed' }).expect(201);
  });

  it('removes a member: their token and password stop working at once', async () => {
    const member = await addMember(api.http, firm, 'trader');
    await api.http.delete(`/v1/organizations/me/members/${member.id}`).set(firm.auth).expect(204);
    await api.http.get('/v1/me').set(member.auth).expect(401);
    await api.http.post('/v1/auth/login').send({ email: member.email, password: VALID_PASSWORD }).expect(401);
    const again = await api.http
      .delete(`/v1/organizations/me/members/${member.id}`)
      .set(firm.auth)
      .expect(409);
    expect(again.body.code).toBe('already_removed');
  });

  it('tells apart every caller of requests that arrive together, and refuses a removed member among them', async () => {
    const trader = await addMember(api.http, firm, 'trader');
    const viewer = await addMember(api.http, firm, 'viewer');
    const removed = await addMember(api.http, otherFirm, 'trader');
    await api.http.delete(`/v1/organizations/me/members/${removed.id}`).set(otherFirm.auth).expect(204);
    const callers = [
      { auth: trader.auth, userId: trader.id, organizationId: firm.organizationId, role: 'trader' },
      { auth: viewer.auth, userId: viewer.id, organizationId: firm.organizationId, role: 'viewer' },
      {
        auth: otherFirm.auth,
        userId: otherFirm.adminId,
        organizationId: otherFirm.organizationId,
        role: 'org_admin',
      },
      { auth: removed.auth, userId: null, organizationId: null, role: null },
    ];
    const requests = Array.from({ length: 40 }, (_, i) => callers[i % callers.length]!);
    const responses = await Promise.all(requests.map((caller) => api.http.get('/v1/me').set(caller.auth)));
    responses.forEach((response, i) => {
      const caller = requests[i]!;
      if (caller.userId === null) {
        expect(response.status).toBe(401);
        return;
      }
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        user: { id: caller.userId },
        organization: { id: caller.organizationId },
        role: caller.role,
      });
    });
  });

  it('answers the identities asked for together (one batched read), each for its own id', async () => {
    const trader = await addMember(api.http, firm, 'trader');
    const removed = await addMember(api.http, firm, 'viewer');
    await api.http.delete(`/v1/organizations/me/members/${removed.id}`).set(firm.auth).expect(204);
    const authentication = api.app.get(AuthenticationService);
    const ids = [
      trader.id,
      otherFirm.adminId,
      removed.id,
      randomUUID(),
      'not-a-uuid',
      trader.id.toUpperCase(),
    ];
    const found = await Promise.all(
      ids.map((sub) => authentication.actorForToken({ sub, org: null, role: 'viewer' })),
    );
    expect(found).toMatchObject([
      { kind: 'user', userId: trader.id, organizationId: firm.organizationId, role: 'trader' },
      {
        kind: 'user',
        userId: otherFirm.adminId,
        organizationId: otherFirm.organizationId,
        role: 'org_admin',
      },
      null,
      null,
      null,
      { kind: 'user', userId: trader.id, organizationId: firm.organizationId, role: 'trader' },
    ]);
  });
});
