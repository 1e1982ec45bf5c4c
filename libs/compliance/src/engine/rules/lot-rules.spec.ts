import { aLot, aPolicy, aSubject } from '../testing/compliance-subject.factory';
import { lotAbovePolicyMaximumRule } from './lot-above-policy-maximum.rule';
import { lotNotVerifiedRule } from './lot-not-verified.rule';

describe('lotNotVerifiedRule', () => {
  it.each([
    ['verified', 'pass', 'Credit lot lot-1 has been verified.'],
    [
      'pending_verification',
      'review',
      'Credit lot lot-1 is awaiting verification; an operator must check its evidence first.',
    ],
    ['rejected', 'block', 'Credit lot lot-1 was rejected at verification and may not trade.'],
  ] as const)('a %s lot gives %s', (status, outcome, detail) => {
    expect(lotNotVerifiedRule.evaluate(aSubject({ lot: aLot({ status }) }))).toEqual({
      rule: 'lot_not_verified',
      outcome,
      detail,
    });
  });
});

describe('lotAbovePolicyMaximumRule', () => {
  const withMax = (faceValueMinor: bigint, max: bigint | null, currency = 'USD') =>
    aSubject({ lot: aLot({ faceValueMinor, currency }), policy: aPolicy({ maxLotFaceValueMinor: max }) });

  it('passes a lot exactly at the maximum', () => {
    expect(lotAbovePolicyMaximumRule.evaluate(withMax(5_000_000n, 5_000_000n))).toEqual({
      rule: 'lot_above_policy_maximum',
      outcome: 'pass',
      detail:
        "This lot's face value of USD 50,000.00 is within the USD 50,000.00 maximum lot size of anthropic policy v3.",
    });
  });

  it('reviews a lot one minor unit above the maximum', () => {
    expect(lotAbovePolicyMaximumRule.evaluate(withMax(5_000_001n, 5_000_000n))).toEqual({
      rule: 'lot_above_policy_maximum',
      outcome: 'review',
      detail:
        "This lot's face value of USD 50,000.01 is above the USD 50,000.00 maximum lot size of " +
        'anthropic policy v3; an operator must review it.',
    });
  });

  it('passes any size when the policy sets no maximum, exactly beyond the float range', () => {
    expect(lotAbovePolicyMaximumRule.evaluate(withMax(9_007_199_254_740_993n, null))).toEqual({
      rule: 'lot_above_policy_maximum',
      outcome: 'pass',
      detail:
        "anthropic policy v3 sets no maximum lot size; this lot's face value is USD 90,071,992,547,409.93.",
    });
  });

  it('compares in bigint minor units, not floats', () => {
    expect(lotAbovePolicyMaximumRule.evaluate(withMax(2n ** 53n + 1n, 2n ** 53n))?.outcome).toBe('review');
  });

  it("formats amounts with the currency's own minor unit", () => {
    expect(lotAbovePolicyMaximumRule.evaluate(withMax(1_500_000n, 1_000_000n, 'JPY'))?.detail).toContain(
      'face value of JPY 1,500,000 is above the JPY 1,000,000 maximum',
    );
  });
});
