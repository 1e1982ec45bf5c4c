import { createHash } from 'node:crypto';
import { auditHashParts, computeAuditHash, type AuditHashInput } from './audit-hash';

const base: AuditHashInput = {
  prevHash: null,
  actorType: 'user',
  actorId: '6f1d3c0e-2a4b-4c5d-8e9f-0a1b2c3d4e5f',
  actorOrganizationId: '0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e',
  action: 'identity.organization_registered',
  entity: 'organization',
  entityId: '0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e',
  data: { name: 'Acme Analytics', country: 'DE' },
  reason: null,
  at: new Date('2026-01-02T03:04:05.006Z'),
};

describe('computeAuditHash', () => {
  it('is sha256 over the RFC 8785 encoding of exactly the documented fields', () => {
    const canonical =
      '{"action":"identity.organization_registered",' +
      '"actorId":"6f1d3c0e-2a4b-4c5d-8e9f-0a1b2c3d4e5f",' +
      '"actorOrganizationId":"0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e",' +
      '"actorType":"user",' +
      '"at":"2026-01-02T03:04:05.006Z",' +
      '"data":{"country":"DE","name":"Acme Analytics"},' +
      '"entity":"organization",' +
      '"entityId":"0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e",' +
      '"prevHash":null,' +
      '"reason":null}';
    expect(computeAuditHash(base)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('keeps stored hashes verifiable: this value must never change', () => {
    expect(computeAuditHash(base)).toBe('4f8a877e88b074cb25e31404d09aca053eccb99cfdc19933afab5ea1f04e50a4');
  });

  it('does not depend on the key order inside data', () => {
    expect(computeAuditHash({ ...base, data: { country: 'DE', name: 'Acme Analytics' } })).toBe(
      computeAuditHash(base),
    );
  });

  it.each<[string, Partial<AuditHashInput>]>([
    ['prevHash', { prevHash: 'a'.repeat(64) }],
    ['actorType', { actorType: 'operator' }],
    ['actorId', { actorId: null }],
    ['actorOrganizationId', { actorOrganizationId: null }],
    ['action', { action: 'identity.organization_renamed' }],
    ['entity', { entity: 'user' }],
    ['entityId', { entityId: 'other' }],
    ['data', { data: { name: 'Acme Analytics', country: 'FR' } }],
    ['reason', { reason: 'requested by the firm' }],
    ['at (to the millisecond)', { at: new Date('2026-01-02T03:04:05.007Z') }],
  ])('changes when %s changes', (_field, change) => {
    expect(computeAuditHash({ ...base, ...change })).not.toBe(computeAuditHash(base));
  });
});

describe('auditHashParts', () => {
  const { prevHash: _prevHash, ...event } = base;
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

  it.each([null, 'b'.repeat(64)])('puts the previous hash %s between before and after', (prevHash) => {
    const { before, after } = auditHashParts(event);
    expect(sha256(before + JSON.stringify(prevHash) + after)).toBe(computeAuditHash({ ...base, prevHash }));
  });

  it('finds the link’s own prevHash when data and reason hold the same characters', () => {
    const tricky = {
      ...event,
      data: { a: 1, nested: { a: 1, prevHash: null, reason: 'x' }, text: ',"prevHash":null,' },
      reason: ',"prevHash":null,"reason":',
    };
    const prevHash = 'c'.repeat(64);
    const { before, after } = auditHashParts(tricky);
    expect(sha256(before + JSON.stringify(prevHash) + after)).toBe(computeAuditHash({ ...tricky, prevHash }));
  });
});
