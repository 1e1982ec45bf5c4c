import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Body,
  type CanActivate,
  Controller,
  type ExecutionContext,
  HttpCode,
  type INestApplication,
  Injectable,
  Post,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Request } from 'express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { IdempotencyModule } from '../../apps/api/src/http/idempotency/idempotency.module';
import { Idempotent } from '../../apps/api/src/http/idempotency/idempotent.decorator';
import { ProblemDetailsFilter } from '../../apps/api/src/http/problem-details.filter';
import { buildDataSourceOptions } from '@carryover/migrations';
import { BusinessRuleError } from '@carryover/shared';

interface TestBody {
  ref: string;
  delayMs?: number;
  failFirst?: boolean;
  [field: string]: unknown;
}

/** Executions per `ref`, so each test counts only its own requests. */
const executions = new Map<string, number>();
const failed = new Set<string>();

@Controller('test/idempotency')
class IdempotencyProbeController {
  @Post('orders')
  @Idempotent()
  async create(@Body() body: TestBody): Promise<{ id: string; execution: number; ref: string }> {
    const execution = (executions.get(body.ref) ?? 0) + 1;
    executions.set(body.ref, execution);
    if (body.delayMs) await sleep(body.delayMs);
    if (body.failFirst && !failed.has(body.ref)) {
      failed.add(body.ref);
      throw new BusinessRuleError('probe_failed', 'The first attempt fails on purpose.');
    }
    return { id: randomUUID(), execution, ref: body.ref };
  }

  @Post('accepted')
  @HttpCode(202)
  @Idempotent({ required: true })
  accept(@Body() body: TestBody): { accepted: string } {
    executions.set(body.ref, (executions.get(body.ref) ?? 0) + 1);
    return { accepted: randomUUID() };
  }
}

/** Stands in for authentication: `X-Test-Org` makes the caller a member of that organisation. */
@Injectable()
class TestActorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { user?: unknown }>();
    const organizationId = req.header('x-test-org');
    if (organizationId) req.user = { organizationId, userId: randomUUID() };
    return true;
  }
}

describe('Idempotency-Key (HTTP + Postgres)', () => {
  let app: INestApplication;
  let db: DataSource;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot(buildDataSourceOptions({ url: process.env.DATABASE_URL! })),
        IdempotencyModule,
      ],
      controllers: [IdempotencyProbeController],
      providers: [{ provide: APP_GUARD, useClass: TestActorGuard }],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.init();
    db = app.get(DataSource);
  });
  afterAll(() => app.close());

  const post = (key: string | undefined, body: TestBody, path = 'orders', org?: string) => {
    const req = request(app.getHttpServer()).post(`/test/idempotency/${path}`);
    if (key !== undefined) req.set('Idempotency-Key', key);
    if (org !== undefined) req.set('X-Test-Org', org);
    return req.send(body);
  };
  const newBody = (extra: Partial<TestBody> = {}): TestBody => ({
    ref: randomUUID(),
    quantityMinor: 1000,
    ...extra,
  });
  const storedRow = async (key: string) =>
    (
      (await db.query('SELECT state, response_status FROM idempotency_keys WHERE key = $1', [key])) as Array<{
        state: string;
        response_status: number | null;
      }>
    )[0];

  it('replays the first status and body for a retry, and runs the handler once', async () => {
    const key = randomUUID();
    const body = newBody();
    const first = await post(key, body).expect(201);
    const retry = await post(key, { quantityMinor: 1000, ref: body.ref }).expect(201);

    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(executions.get(body.ref)).toBe(1);
    expect(await storedRow(key)).toEqual({ state: 'completed', response_status: 201 });
  });

  it('replays the status the handler really used', async () => {
    const key = randomUUID();
    const body = newBody();
    const first = await post(key, body, 'accepted').expect(202);
    const retry = await post(key, body, 'accepted').expect(202);
    expect(retry.body).toEqual(first.body);
    expect(executions.get(body.ref)).toBe(1);
  });

  it('answers 422 idempotency_key_reuse for the same key with another body or route', async () => {
    const key = randomUUID();
    const body = newBody();
    await post(key, body).expect(201);

    const otherBody = await post(key, { ...body, quantityMinor: 2000 }).expect(422);
    expect(otherBody.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(otherBody.body).toMatchObject({ status: 422, code: 'idempotency_key_reuse' });
    const otherRoute = await post(key, body, 'accepted').expect(422);
    expect(otherRoute.body.code).toBe('idempotency_key_reuse');
    expect(executions.get(body.ref)).toBe(1);
  });

  it('runs simultaneous requests with one key once and gives them all the same response', async () => {
    const key = randomUUID();
    const body = newBody({ delayMs: 300 });
    const responses = await Promise.all(Array.from({ length: 5 }, () => post(key, body)));

    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    for (const response of responses) expect(response.body).toEqual(responses[0]?.body);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
    expect(executions.get(body.ref)).toBe(1);
  });

  it('frees the key when the handler fails, so a retry runs', async () => {
    const key = randomUUID();
    const body = newBody({ failFirst: true });
    const failure = await post(key, body).expect(422);
    expect(failure.body.code).toBe('probe_failed');
    expect(await storedRow(key)).toBeUndefined();

    const retry = await post(key, body).expect(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.body.execution).toBe(2);
  });

  it.each([
    ['256 characters', 'k'.repeat(256)],
    ['no characters', ''],
    ['non-ASCII characters', 'clé'],
  ])(
    'rejects a key of %s with 400 naming Idempotency-Key, without running the handler',
    async (_label, key) => {
      const body = newBody();
      const response = await post(key, body).expect(400);
      expect(response.body).toMatchObject({
        code: 'validation_failed',
        errors: [{ field: 'Idempotency-Key', message: expect.any(String) }],
      });
      expect(executions.get(body.ref)).toBeUndefined();
    },
  );

  it('accepts a key of 255 characters', async () => {
    const key = randomUUID().slice(0, 15) + 'k'.repeat(240);
    await post(key, newBody()).expect(201);
    expect(await storedRow(key)).toEqual({ state: 'completed', response_status: 201 });
  });

  it('is optional unless the route requires it', async () => {
    const body = newBody();
    await post(undefined, body).expect(201);
    await post(undefined, body).expect(201);
    expect(executions.get(body.ref)).toBe(2);

    const required = await post(undefined, newBody(), 'accepted').expect(400);
    expect(required.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
  });

  it('keeps the keys of different organisations apart', async () => {
    const key = randomUUID();
    const body = newBody();
    const first = await post(key, body, 'orders', randomUUID()).expect(201);
    const second = await post(key, body, 'orders', randomUUID()).expect(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(executions.get(body.ref)).toBe(2);
  });

  it('forgets a key after 24 hours', async () => {
    const key = randomUUID();
    await post(key, newBody()).expect(201);
    await db.query(
      `UPDATE idempotency_keys SET created_at = now() - interval '25 hours', expires_at = now() - interval '1 hour'
        WHERE key = $1`,
      [key],
    );
    const body = newBody();
    const reused = await post(key, body).expect(201);
    expect(reused.headers['idempotent-replayed']).toBeUndefined();
    expect(executions.get(body.ref)).toBe(1);
  });

  it('takes over a claim abandoned by a process that died', async () => {
    const key = randomUUID();
    const body = newBody();
    await db.query(
      `INSERT INTO idempotency_keys (scope, key, method, path, request_hash, state, locked_at, created_at, expires_at)
       VALUES ('anonymous', $1, 'POST', '/test/idempotency/orders', $2, 'in_progress',
               now() - interval '2 minutes', now() - interval '2 minutes', now() + interval '1 day')`,
      [key, 'a'.repeat(64)],
    );
    await post(key, body).expect(201);
    expect(executions.get(body.ref)).toBe(1);
    expect(await storedRow(key)).toEqual({ state: 'completed', response_status: 201 });
  });
});
