import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AuditModule,
  AuditService,
  computeAuditHash,
  operatorActor,
  systemActor,
  userActor,
  type AuditEntry,
  type AuditEvent,
} from '@carryover/audit';
import { buildDataSourceOptions } from '@carryover/migrations';
import { ValidationError } from '@carryover/shared';

describe('audit log (Postgres)', () => {
  let moduleRef: TestingModule;
  let db: DataSource;
  let audit: AuditService;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot(buildDataSourceOptions({ url: process.env.DATABASE_URL!, poolSize: 12 })),
        AuditModule,
      ],
    }).compile();
    db = moduleRef.get(DataSource);
    audit = moduleRef.get(AuditService);
  });
  afterAll(() => moduleRef.close());

  const entry = (entityId: string, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
    actor: userActor(randomUUID(), randomUUID()),
    action: 'credits.lot_registered',
    entity: 'credit_lot',
    entityId,
    data: { faceValueMinor: '1000000', currency: 'USD', provider: 'anthropic' },
    ...overrides,
  });

  const append = (e: AuditEntry): Promise<AuditEvent> =>
    db.transaction((manager) => audit.append(manager, e));

  /** The hash of the row just before `seq` in the whole chain (other suites append concurrently). */
  const hashBefore = async (seq: bigint): Promise<string | null> => {
    const rows = (await db.query('SELECT hash FROM audit_events WHERE seq < $1 ORDER BY seq DESC LIMIT 1', [
      seq.toString(),
    ])) as Array<{ hash: string }>;
    return rows[0]?.hash ?? null;
  };

  /** Runs `work` in a transaction that is always rolled back, so a failed guard cannot damage the log. */
  const inRolledBackTransaction = async (
    work: (manager: EntityManager) => Promise<unknown>,
  ): Promise<unknown> => {
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      return await work(runner.manager);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  };

  it('links each event to the one before it by hash, and every hash recomputes', async () => {
    const entityId = randomUUID();
    await append(entry(entityId, { actor: systemActor() }));
    await db.transaction(async (manager) => {
      await audit.append(
        manager,
        entry(entityId, { action: 'credits.lot_verified', reason: 'statement checked' }),
      );
      await audit.append(
        manager,
        entry(entityId, { actor: operatorActor(randomUUID()), data: { nested: { b: 1, a: [1, 2] } } }),
      );
    });

    const { data } = await audit.list({ entityId });
    expect(data).toHaveLength(3);
    for (const event of data) {
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(event.prevHash).toBe(await hashBefore(event.seq));
      expect(computeAuditHash(event)).toBe(event.hash);
    }
    expect(data.map((e) => e.reason)).toEqual([null, 'statement checked', null]);
  });

  it('returns what it stored, with the position it got in the chain', async () => {
    const entityId = randomUUID();
    const appended = await append(entry(entityId, { reason: 'why' }));
    const { data } = await audit.list({ entityId });
    expect(data).toEqual([appended]);
  });

  it('keeps one unbroken chain when many transactions append at the same time', async () => {
    const entityId = randomUUID();
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        db.transaction(async (manager) => {
          await audit.append(manager, entry(entityId, { data: { attempt: i } }));
          // Hold the transaction open a little so that appends really overlap.
          await manager.query('SELECT pg_sleep(0.01)');
        }),
      ),
    );

    const { data } = await audit.list({ entityId, limit: 200 });
    expect(data).toHaveLength(24);
    expect(new Set(data.map((e) => e.prevHash)).size).toBe(24);
    for (const event of data) expect(event.prevHash).toBe(await hashBefore(event.seq));

    // Counted first: other suites keep appending while the chain is verified, never removing.
    const [{ n }] = (await db.query('SELECT count(*)::int AS n FROM audit_events')) as [{ n: number }];
    const report = await audit.verifyChain();
    expect(report).toMatchObject({ ok: true, firstBreak: null });
    expect(report.checked).toBeGreaterThanOrEqual(n);
  });

  it('writes nothing when the surrounding transaction rolls back', async () => {
    const entityId = randomUUID();
    await expect(
      db.transaction(async (manager) => {
        await audit.append(manager, entry(entityId));
        throw new Error('the use case failed after auditing');
      }),
    ).rejects.toThrow('the use case failed');
    expect((await audit.list({ entityId })).data).toEqual([]);
    await append(entry(entityId));
    expect((await audit.verifyChain()).ok).toBe(true);
  });

  it('refuses to append outside a transaction', async () => {
    await expect(audit.append(db.manager, entry(randomUUID()))).rejects.toThrow(/inside the transaction/);
  });

  describe('the database itself', () => {
    let event: AuditEvent;
    beforeAll(async () => {
      event = await append(entry(randomUUID()));
    });

    it.each([
      ['UPDATE', `UPDATE audit_events SET reason = 'edited' WHERE id = $1`],
      ['DELETE', `DELETE FROM audit_events WHERE id = $1`],
    ])('rejects %s', async (_op, sql) => {
      await expect(inRolledBackTransaction((m) => m.query(sql, [event.id]))).rejects.toThrow(
        'audit_events is append-only',
      );
    });

    it('rejects TRUNCATE', async () => {
      await expect(inRolledBackTransaction((m) => m.query('TRUNCATE audit_events'))).rejects.toThrow(
        'audit_events is append-only',
      );
    });

    it('rejects a second successor of a link (a fork) and a second start of the chain', async () => {
      const insert = (prevHash: string | null) =>
        inRolledBackTransaction((m) =>
          m.query(
            `INSERT INTO audit_events (id, actor_type, action, entity, entity_id, data, at, prev_hash, hash)
             VALUES (gen_random_uuid(), 'system', 'x.forged', 'x', 'x', '{}', now(), $1, $2)`,
            [prevHash, 'f'.repeat(64)],
          ),
        );
      await expect(insert(event.prevHash)).rejects.toThrow(/audit_events_prev_hash_key/);
      await expect(insert(null)).rejects.toThrow(/audit_events_genesis_key/);
      await expect(insert('e'.repeat(64))).rejects.toThrow(/audit_events_prev_hash_fkey/);
    });

    it('rejects an unknown actor type and a malformed hash', async () => {
      const insert = (actorType: string, hash: string) =>
        inRolledBackTransaction((m) =>
          m.query(
            `INSERT INTO audit_events (id, actor_type, actor_id, action, entity, entity_id, data, at, prev_hash, hash)
             VALUES (gen_random_uuid(), $1, gen_random_uuid(), 'x.forged', 'x', 'x', '{}', now(), $2, $3)`,
            [actorType, event.hash, hash],
          ),
        );
      await expect(insert('robot', 'f'.repeat(64))).rejects.toThrow(/audit_events_actor_type_values/);
      await expect(insert('operator', 'F'.repeat(64))).rejects.toThrow(/audit_events_hash_format/);
    });

    it('lets verifyChain find a row edited by someone who switched the trigger off', async () => {
      const report = await inRolledBackTransaction(async (m) => {
        await m.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
        await m.query(`UPDATE audit_events SET data = '{"faceValueMinor":"1"}' WHERE id = $1`, [event.id]);
        return audit.verifyChain(m);
      });
      expect(report).toMatchObject({
        ok: false,
        firstBreak: { id: event.id, seq: event.seq, problem: 'hash_mismatch', actual: event.hash },
      });
    });
  });

  describe('list', () => {
    it('pages newest first with a cursor', async () => {
      const entityId = randomUUID();
      for (let i = 0; i < 5; i++) await append(entry(entityId, { data: { step: i } }));

      const first = await audit.list({ entityId, limit: 2 });
      const second = await audit.list({ entityId, limit: 2, cursor: first.nextCursor! });
      const third = await audit.list({ entityId, limit: 2, cursor: second.nextCursor! });

      expect([...first.data, ...second.data, ...third.data].map((e) => e.data.step)).toEqual([4, 3, 2, 1, 0]);
      expect(third.nextCursor).toBeNull();
      expect((await audit.list({ entityId })).data).toHaveLength(5);
    });

    it.each([0, 201, 1.5])('rejects limit %p naming the field', async (limit) => {
      await expect(audit.list({ limit })).rejects.toMatchObject({ errors: [{ field: 'limit' }] });
    });

    it('rejects a cursor it did not issue', async () => {
      await expect(audit.list({ cursor: 'bm90LWEtY3Vyc29y' })).rejects.toBeInstanceOf(ValidationError);
    });
  });
});
