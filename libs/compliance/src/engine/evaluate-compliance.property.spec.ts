import fc from 'fast-check';
import {
  COMPLIANCE_RULE_NAMES,
  type ComplianceOutcome,
  type ComplianceSubject,
  type CreditSource,
  type PartySnapshot,
  type TransferMethod,
} from './compliance.types';
import { evaluateCompliance } from './evaluate-compliance';

const METHODS: TransferMethod[] = ['account_transfer', 'invoice_reassignment', 'structured_resale'];
const SOURCES: CreditSource[] = ['prepaid_purchase', 'commitment', 'promotional_grant'];
const DAY = 86_400_000;
const BASE = Date.parse('2026-01-01T00:00:00.000Z');

const party = (orgs: string[]): fc.Arbitrary<PartySnapshot> =>
  fc.record({
    organizationId: fc.constantFrom(...orgs),
    legalEntityName: fc.constantFrom('Acme GmbH', ' acme  gmbh', 'Globex Ltd'),
    country: fc.constantFrom('DE', 'GB', 'US'),
    kycStatus: fc.constantFrom('pending', 'verified', 'rejected'),
  });

const subjects: fc.Arbitrary<ComplianceSubject> = fc.record(
  {
    policy: fc.record({
      providerCode: fc.constantFrom('anthropic', 'openai', 'google'),
      version: fc.integer({ min: 1, max: 50 }),
      resale: fc.constantFrom('allowed', 'approval_required', 'prohibited'),
      transferMethods: fc.subarray(METHODS),
      minDaysToExpiry: fc.integer({ min: 0, max: 60 }),
      resaleableSources: fc.subarray(SOURCES),
      buyerEligibility: fc.record({
        sameLegalEntityOnly: fc.boolean(),
        regions: fc.option(fc.subarray(['DE', 'GB', 'US']), { nil: null }),
      }),
      maxLotFaceValueMinor: fc.option(fc.bigInt({ min: 0n, max: 10n ** 12n }), { nil: null }),
    }),
    seller: party(['org-a', 'org-b']),
    lot: fc.record({
      id: fc.constant('lot-1'),
      status: fc.constantFrom('pending_verification', 'verified', 'rejected'),
      faceValueMinor: fc.bigInt({ min: 1n, max: 10n ** 12n }),
      currency: fc.constantFrom('USD', 'EUR', 'JPY'),
      expiresAt: fc.integer({ min: 0, max: 400 * DAY }).map((offset) => new Date(BASE + offset)),
      source: fc.constantFrom(...SOURCES),
      transferMethods: fc.subarray(METHODS),
    }),
    listing: fc.record({ quantityMinor: fc.bigInt({ min: 1n, max: 10n ** 12n }) }),
    buyer: party(['org-a', 'org-b', 'org-c']),
    transferMethods: fc.subarray(METHODS),
    at: fc.integer({ min: 0, max: 400 * DAY }).map((offset) => new Date(BASE + offset)),
  },
  { requiredKeys: ['policy', 'seller', 'lot', 'at'] },
);

// Written out independently of worstOutcome so the property does not test the code against itself.
function expectedOutcome(outcomes: ComplianceOutcome[]): ComplianceOutcome {
  if (outcomes.includes('block')) return 'block';
  return outcomes.includes('review') ? 'review' : 'pass';
}

describe('evaluateCompliance properties', () => {
  it('returns the worst outcome of its checks, in rule order, with buyer rules only given a buyer', () => {
    fc.assert(
      fc.property(subjects, (subject) => {
        const result = evaluateCompliance(subject);
        const names = result.checks.map((check) => check.rule);
        expect(result.outcome).toBe(expectedOutcome(result.checks.map((check) => check.outcome)));
        expect(names).toEqual(COMPLIANCE_RULE_NAMES.filter((name) => names.includes(name)));
        expect(names.includes('self_trade')).toBe(subject.buyer !== undefined);
        expect(result.requiresProviderApproval).toBe(subject.policy.resale === 'approval_required');
        expect(result.policyVersion).toBe(subject.policy.version);
      }),
    );
  });

  it('is deterministic and leaves its input untouched', () => {
    fc.assert(
      fc.property(subjects, (subject) => {
        const copy = structuredClone(subject);
        const first = evaluateCompliance(subject);
        expect(evaluateCompliance(copy)).toEqual(first);
        expect(evaluateCompliance(subject)).toEqual(first);
        expect(subject).toEqual(copy);
      }),
    );
  });
});
