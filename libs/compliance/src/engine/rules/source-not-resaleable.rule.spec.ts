import { aLot, aSubject } from '../testing/compliance-subject.factory';
import { sourceNotResaleableRule } from './source-not-resaleable.rule';

describe('sourceNotResaleableRule', () => {
  it.each([['prepaid_purchase'], ['commitment']] as const)('passes credits from %s', (source) => {
    expect(sourceNotResaleableRule.evaluate(aSubject({ lot: aLot({ source }) }))).toEqual({
      rule: 'source_not_resaleable',
      outcome: 'pass',
      detail: `anthropic policy v3 allows credits from ${source} to be resold.`,
    });
  });

  it('blocks a source the policy does not list', () => {
    expect(
      sourceNotResaleableRule.evaluate(aSubject({ lot: aLot({ source: 'promotional_grant' }) })),
    ).toEqual({
      rule: 'source_not_resaleable',
      outcome: 'block',
      detail:
        'anthropic policy v3 allows resale only of credits from prepaid_purchase, commitment; ' +
        "this lot's credits come from promotional_grant.",
    });
  });
});
