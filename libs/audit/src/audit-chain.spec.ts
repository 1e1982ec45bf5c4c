import { randomUUID } from 'node:crypto';
import { verifyAuditChain } from './audit-chain';
import { computeAuditHash } from './audit-hash';
import type { AuditEvent } from './audit-event.types';

function buildChain(length: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  let prevHash: string | null = null;
  for (let i = 0; i < length; i++) {
    const fields = {
      prevHash,
      actorType: 'system' as const,
      actorId: null,
      actorOrganizationId: null,
      action: 'settlement.trade_funded',
      entity: 'trade',
      entityId: `trade-${i}`,
      data: { amountMinor: String(1000 * (i + 1)), currency: 'USD' },
      reason: null,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
    };
    const hash = computeAuditHash(fields);
    events.push({ id: randomUUID(), seq: BigInt(i + 1), ...fields, hash });
    prevHash = hash;
  }
  return events;
}

describe('verifyAuditChain', () => {
  it('accepts an intact chain and reports its tip', () => {
    const chain = buildChain(5);
    expect(verifyAuditChain(chain)).toEqual({
      ok: true,
      checked: 5,
      lastHash: chain[4]?.hash,
      firstBreak: null,
    });
  });

  it('accepts an empty chain', () => {
    expect(verifyAuditChain([])).toEqual({ ok: true, checked: 0, lastHash: null, firstBreak: null });
  });

  it('finds an event whose content was changed after it was written', () => {
    const chain = buildChain(5);
    const tampered = chain.map((e) => (e.seq === 3n ? { ...e, data: { ...e.data, amountMinor: '1' } } : e));
    const report = verifyAuditChain(tampered);
    expect(report.ok).toBe(false);
    expect(report.checked).toBe(2);
    expect(report.firstBreak).toMatchObject({
      seq: 3n,
      id: chain[2]?.id,
      problem: 'hash_mismatch',
      actual: chain[2]?.hash,
    });
  });

  it('finds a rewritten event even when its own hash was recomputed, at the next link', () => {
    const chain = buildChain(5);
    const target = chain[2] as AuditEvent;
    const forged = { ...target, reason: 'forged' };
    const rewritten = chain.map((e) => (e === target ? { ...forged, hash: computeAuditHash(forged) } : e));
    expect(verifyAuditChain(rewritten).firstBreak).toMatchObject({
      seq: 4n,
      problem: 'prev_hash_mismatch',
      expected: computeAuditHash(forged),
      actual: target.hash,
    });
  });

  it('finds a removed event', () => {
    const chain = buildChain(5);
    const report = verifyAuditChain(chain.filter((e) => e.seq !== 2n));
    expect(report.firstBreak).toMatchObject({
      seq: 3n,
      problem: 'prev_hash_mismatch',
      expected: chain[0]?.hash,
    });
  });

  it('finds events that were swapped', () => {
    const [a, b, c] = buildChain(3) as [AuditEvent, AuditEvent, AuditEvent];
    expect(verifyAuditChain([a, c, b]).firstBreak).toMatchObject({ seq: 3n, problem: 'prev_hash_mismatch' });
  });

  it('requires the first event to start the chain', () => {
    const chain = buildChain(3).slice(1);
    expect(verifyAuditChain(chain).firstBreak).toMatchObject({
      seq: 2n,
      problem: 'prev_hash_mismatch',
      expected: null,
    });
  });

  it('continues a walk from the report of the previous batch', () => {
    const chain = buildChain(6);
    const first = verifyAuditChain(chain.slice(0, 3));
    expect(verifyAuditChain(chain.slice(3), first)).toEqual(verifyAuditChain(chain));
    const broken = verifyAuditChain(chain.slice(4), first);
    expect(broken.firstBreak).toMatchObject({ seq: 5n, problem: 'prev_hash_mismatch' });
    expect(verifyAuditChain(chain.slice(5), broken)).toBe(broken);
  });
});
