import { AuditService } from '@carryover/audit';
import { CreateOperatorUseCase, LOGIN_FAILURE_BURST } from '@carryover/identity';
import { startApi, type TestApi } from '../support/api-app';
import {
  addMember,
  createApiKey,
  registerFirm,
  uniqueEmail,
  VALID_PASSWORD,
} from '../factories/identity.factory';

describe('identity actions in the audit log', () => {
  let api: TestApi;
  let operatorAuth: { Authorization: string };

  beforeAll(async () => {
    api = await startApi();
    const email = uniqueEmail('operator');
    await api.app.get(CreateOperatorUseCase).execute({ email, password: VALID_PASSWORD, name: 'Op' });
    const login = await api.http.post('/v1/auth/login').send({ email, password: VALID_PASSWORD }).expect(200);
    operatorAuth = { Authorization: `Bearer ${login.body.accessToken}` };
  });
  afterAll(() => api.close());

  const eventsFor = async (entityId: string) =>
    (
      await api.http
        .get(`/v1/admin/audit-events?entityId=${encodeURIComponent(entityId)}`)
        .set(operatorAuth)
        .expect(200)
    ).body.data as Array<{
      action: string;
      actorType: string;
      actorId: string | null;
      data: Record<string, unknown>;
      hash: string;
      prevHash: string | null;
    }>;

  it('records registration, member changes and key lifecycle, attributed to the actor', async () => {
    const firm = await registerFirm(api.http);
    expect((await eventsFor(firm.organizationId)).map((e) => e.action)).toEqual([
      'identity.organization_registered',
    ]);

    const member = await addMember(api.http, firm, 'viewer');
    const [added] = await eventsFor(member.id);
    expect(added).toMatchObject({
      action: 'identity.member_added',
      actorType: 'user',
      actorId: firm.adminId,
    });
    expect(added.data).toMatchObject({ role: 'viewer', email: member.email });

    const key = await createApiKey(api.http, firm);
    await api.http.delete(`/v1/api-keys/${key.id}`).set(firm.auth).expect(204);
    const keyEvents = await eventsFor(key.id);
    expect(keyEvents.map((e) => e.action)).toEqual(['identity.api_key_revoked', 'identity.api_key_created']);
    expect(JSON.stringify(keyEvents)).not.toContain(key.key);
    expect(keyEvents[0].prevHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records the creation of an operator', async () => {
    const operator = await api.app
      .get(CreateOperatorUseCase)
      .execute({ email: uniqueEmail('op'), password: VALID_PASSWORD, name: 'Second Op' });
    const [event] = await eventsFor(operator.id);
    expect(event).toMatchObject({ action: 'identity.operator_created', actorType: 'system' });
  });

  it('records a burst of failed logins once, without the attempted passwords', async () => {
    const firm = await registerFirm(api.http);
    for (let i = 0; i < LOGIN_FAILURE_BURST + 2; i += 1) {
      await api.http
        .post('/v1/auth/login')
        .send({ email: firm.email, password: `wrong-password-${i}` })
        .expect(401);
    }
    const events = await eventsFor(firm.adminId);
    expect(events.map((e) => e.action)).toEqual(['identity.login_failure_burst']);
    expect(events[0].data).toMatchObject({ failures: LOGIN_FAILURE_BURST });
    expect(JSON.stringify(events)).not.toContain('wrong-password');
  });

  it('keeps the chain intact across all of it', async () => {
    const report = await api.app.get(AuditService).verifyChain();
    expect(report).toMatchObject({ ok: true, firstBreak: null });
    expect(report.checked).toBeGreaterThan(3);
  });

  it('lets only operators read the audit trail', async () => {
    const firm = await registerFirm(api.http);
    const response = await api.http.get('/v1/admin/audit-events').set(firm.auth).expect(403);
    expect(response.body.code).toBe('insufficient_role');
    await api.http.get('/v1/admin/audit-events').expect(401);
  });
});
