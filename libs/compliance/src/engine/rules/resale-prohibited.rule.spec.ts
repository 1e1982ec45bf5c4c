import { aPolicy, aSubject } from '../testing/compliance-subject.factory';
import { resaleProhibitedRule } from './resale-prohibited.rule';

describe('resaleProhibitedRule', () => {
  it.each([['allowed'], ['approval_required']] as const)('passes when resale is %s', (resale) => {
    expect(resaleProhibitedRule.evaluate(aSubject({ policy: aPolicy({ resale }) }))).toEqual({
      rule: 'resale_prohibited',
      outcome: 'pass',
      detail: 'anthropic policy v3 permits the resale of its credits.',
    });
  });

  it('blocks when the provider prohibits resale', () => {
    expect(resaleProhibitedRule.evaluate(aSubject({ policy: aPolicy({ resale: 'prohibited' }) }))).toEqual({
      rule: 'resale_prohibited',
      outcome: 'block',
      detail: 'anthropic policy v3 prohibits the resale of its credits.',
    });
  });
});
