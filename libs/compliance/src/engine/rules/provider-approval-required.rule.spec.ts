import { aPolicy, aSubject } from '../testing/compliance-subject.factory';
import { needsProviderApproval, providerApprovalRequiredRule } from './provider-approval-required.rule';

describe('providerApprovalRequiredRule', () => {
  it('passes and says the trade waits for the provider when approval is required', () => {
    const policy = aPolicy({ resale: 'approval_required', providerCode: 'openai', version: 7 });
    expect(providerApprovalRequiredRule.evaluate(aSubject({ policy }))).toEqual({
      rule: 'provider_approval_required',
      outcome: 'pass',
      detail:
        "openai policy v7 requires the provider's approval of each resale; " +
        'the transfer waits until the provider approves this trade.',
    });
  });

  it('passes without approval when resale is simply allowed', () => {
    expect(providerApprovalRequiredRule.evaluate(aSubject())).toEqual({
      rule: 'provider_approval_required',
      outcome: 'pass',
      detail: "anthropic policy v3 does not require the provider's approval for resale.",
    });
  });

  it('does not apply when resale is prohibited', () => {
    expect(
      providerApprovalRequiredRule.evaluate(aSubject({ policy: aPolicy({ resale: 'prohibited' }) })),
    ).toBeNull();
  });
});

describe('needsProviderApproval', () => {
  it.each([
    ['approval_required', true],
    ['allowed', false],
    ['prohibited', false],
  ] as const)('is %p -> %p', (resale, expected) => {
    expect(needsProviderApproval(aPolicy({ resale }))).toBe(expected);
  });
});
