import { COMPLIANCE_RULES } from './compliance-rules';
import { COMPLIANCE_RULE_NAMES } from './compliance.types';
import { evaluateCompliance } from './evaluate-compliance';
import {
  aBuyer,
  aLot,
  aMatchSubject,
  aPolicy,
  aSeller,
  aSubject,
  AT,
} from './testing/compliance-subject.factory';

const BUYER_RULES = ['buyer_not_eligible', 'buyer_kyc_not_verified', 'self_trade'];

describe('COMPLIANCE_RULES', () => {
  it('runs one rule per name, in the documented order', () => {
    expect(COMPLIANCE_RULES.map((rule) => rule.name)).toEqual([...COMPLIANCE_RULE_NAMES]);
  });
});

describe('evaluateCompliance', () => {
  it('passes a clean match with every rule checked in order', () => {
    const result = evaluateCompliance(aMatchSubject());
    expect(result.outcome).toBe('pass');
    expect(result.checks.map((check) => check.rule)).toEqual([...COMPLIANCE_RULE_NAMES]);
    expect(result.checks.every((check) => check.outcome === 'pass')).toBe(true);
  });

  it('omits the buyer rules without a buyer', () => {
    const result = evaluateCompliance(aSubject());
    expect(result.checks.map((check) => check.rule)).toEqual(
      COMPLIANCE_RULE_NAMES.filter((name) => !BUYER_RULES.includes(name)),
    );
  });

  it('carries the policy version and provider code, and the evaluation moment', () => {
    const result = evaluateCompliance(
      aSubject({ policy: aPolicy({ providerCode: 'azure_openai', version: 12 }) }),
    );
    expect(result).toMatchObject({
      policyVersion: 12,
      providerCode: 'azure_openai',
      requiresProviderApproval: false,
    });
    expect(result.evaluatedAt.toISOString()).toBe(AT.toISOString());
    expect(result.evaluatedAt).not.toBe(AT);
  });

  it('flags provider approval and still passes', () => {
    const result = evaluateCompliance(aSubject({ policy: aPolicy({ resale: 'approval_required' }) }));
    expect(result.outcome).toBe('pass');
    expect(result.requiresProviderApproval).toBe(true);
    expect(result.checks.find((check) => check.rule === 'provider_approval_required')?.outcome).toBe('pass');
  });

  it('reviews when the worst check is a review', () => {
    const result = evaluateCompliance(aMatchSubject({ buyer: aBuyer({ kycStatus: 'pending' }) }));
    expect(result.outcome).toBe('review');
    expect(result.checks.filter((check) => check.outcome !== 'pass').map((check) => check.rule)).toEqual([
      'buyer_kyc_not_verified',
    ]);
  });

  it('blocks when any check blocks, even beside reviews, and lists every failing rule', () => {
    const result = evaluateCompliance(
      aMatchSubject({
        policy: aPolicy({ resale: 'prohibited', maxLotFaceValueMinor: 1n }),
        seller: aSeller({ kycStatus: 'pending' }),
        lot: aLot({ status: 'pending_verification', source: 'promotional_grant' }),
        buyer: aBuyer({ organizationId: 'org-seller' }),
        at: new Date('2026-05-18T00:00:00.000Z'),
      }),
    );
    expect(result.outcome).toBe('block');
    expect(result.requiresProviderApproval).toBe(false);
    expect(result.checks.map((check) => [check.rule, check.outcome])).toEqual([
      ['resale_prohibited', 'block'],
      ['transfer_method_not_allowed', 'pass'],
      ['source_not_resaleable', 'block'],
      ['too_close_to_expiry', 'block'],
      ['seller_kyc_not_verified', 'review'],
      ['lot_not_verified', 'review'],
      ['lot_above_policy_maximum', 'review'],
      ['buyer_not_eligible', 'pass'],
      ['buyer_kyc_not_verified', 'pass'],
      ['self_trade', 'block'],
    ]);
  });

  it('refuses an invalid evaluation moment', () => {
    expect(() => evaluateCompliance(aSubject({ at: new Date(Number.NaN) }))).toThrow(RangeError);
  });
});
