import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import type { INestApplication } from '@nestjs/common';
import { CreateOperatorUseCase, type OrganizationRole } from '@carryover/identity';

export const VALID_PASSWORD = 'correct-horse-battery-staple';

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 12)}@firm.example`;
}

export interface RegisterBody {
  organization: { name: string; legalEntityName?: string; country: string };
  user: { email: string; password: string; name: string };
}

/** A valid registration body; pass overrides for the parts a test is about. */
export function registerBody(
  overrides: {
    organization?: Partial<RegisterBody['organization']>;
    user?: Partial<RegisterBody['user']>;
  } = {},
): RegisterBody {
  return {
    organization: { name: `Firm ${randomUUID().slice(0, 8)}`, country: 'GB', ...overrides.organization },
    user: { email: uniqueEmail('admin'), password: VALID_PASSWORD, name: 'Ada Admin', ...overrides.user },
  };
}

export interface RegisteredFirm {
  organizationId: string;
  adminId: string;
  email: string;
  password: string;
  token: string;
  auth: { Authorization: string };
}

export async function registerFirm(
  http: TestAgent,
  overrides: Parameters<typeof registerBody>[0] = {},
): Promise<RegisteredFirm> {
  const body = registerBody(overrides);
  const response = await http.post('/v1/auth/register').send(body).expect(201);
  const token = response.body.accessToken as string;
  return {
    organizationId: response.body.organization.id,
    adminId: response.body.user.id,
    email: body.user.email,
    password: body.user.password,
    token,
    auth: { Authorization: `Bearer ${token}` },
  };
}

export interface Member {
  id: string;
  email: string;
  token: string;
  auth: { Authorization: string };
}

/** Adds a member through the API as the firm's admin and signs them in. */
export async function addMember(
  http: TestAgent,
  firm: RegisteredFirm,
  role: OrganizationRole,
): Promise<Member> {
  const email = uniqueEmail(role);
  const created = await http
    .post('/v1/organizations/me/members')
    .set(firm.auth)
    .send({ email, name: `A ${role}`, password: VALID_PASSWORD, role })
    .expect(201);
  const login = await http.post('/v1/auth/login').send({ email, password: VALID_PASSWORD }).expect(200);
  return {
    id: created.body.id,
    email,
    token: login.body.accessToken,
    auth: { Authorization: `Bearer ${login.body.accessToken}` },
  };
}

export async function createApiKey(
  http: TestAgent,
  firm: RegisteredFirm,
  name = 'integration',
): Promise<{ id: string; key: string }> {
  const response = await http.post('/v1/api-keys').set(firm.auth).send({ name }).expect(201);
  return { id: response.body.id, key: response.body.key };
}

/** A platform operator, created the way the CLI creates one, signed in. */
export async function signInOperator(api: {
  app: INestApplication;
  http: TestAgent;
}): Promise<{ id: string; auth: { Authorization: string } }> {
  const email = uniqueEmail('operator');
  const operator = await api.app
    .get(CreateOperatorUseCase)
    .execute({ email, password: VALID_PASSWORD, name: 'Operator' });
  const login = await api.http.post('/v1/auth/login').send({ email, password: VALID_PASSWORD }).expect(200);
  return { id: operator.id, auth: { Authorization: `Bearer ${login.body.accessToken}` } };
}
