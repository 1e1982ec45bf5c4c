import { aBuyer, aMatchSubject, aPolicy, aSeller, aSubject } from '../testing/compliance-subject.factory';
import { buyerNotEligibleRule, normaliseLegalEntityName } from './buyer-not-eligible.rule';
import { selfTradeRule } from './self-trade.rule';

const eligibility = (sameLegalEntityOnly: boolean, regions: string[] | null) =>
  aPolicy({ buyerEligibility: { sameLegalEntityOnly, regions } });

describe('buyerNotEligibleRule', () => {
  it('passes any buyer when the policy has no restriction', () => {
    expect(buyerNotEligibleRule.evaluate(aMatchSubject())).toEqual({
      rule: 'buyer_not_eligible',
      outcome: 'pass',
      detail: 'Globex Research Ltd (GB) may buy under anthropic policy v3.',
    });
  });

  it('passes the same legal entity written with different case and spacing', () => {
    const subject = aMatchSubject({
      policy: eligibility(true, null),
      buyer: aBuyer({ legalEntityName: '  acme   ANALYTICS\tgmbh ' }),
    });
    expect(buyerNotEligibleRule.evaluate(subject)?.outcome).toBe('pass');
  });

  it('blocks a different legal entity when resale is limited to the same entity', () => {
    expect(buyerNotEligibleRule.evaluate(aMatchSubject({ policy: eligibility(true, null) }))).toEqual({
      rule: 'buyer_not_eligible',
      outcome: 'block',
      detail:
        "anthropic policy v3 only allows resale within the seller's own legal entity, Acme Analytics GmbH, " +
        'but the buyer is Globex Research Ltd.',
    });
  });

  it('passes a buyer in an allowed region, whatever the case of the code', () => {
    const subject = aMatchSubject({
      policy: eligibility(false, ['US', 'gb']),
      buyer: aBuyer({ country: 'Gb' }),
    });
    expect(buyerNotEligibleRule.evaluate(subject)?.outcome).toBe('pass');
  });

  it('blocks a buyer outside the allowed regions', () => {
    expect(
      buyerNotEligibleRule.evaluate(aMatchSubject({ policy: eligibility(false, ['US', 'CA']) })),
    ).toEqual({
      rule: 'buyer_not_eligible',
      outcome: 'block',
      detail: 'anthropic policy v3 only allows buyers in US, CA, but the buyer is in GB.',
    });
  });

  it('blocks every buyer when the region list is empty', () => {
    expect(buyerNotEligibleRule.evaluate(aMatchSubject({ policy: eligibility(false, []) }))?.outcome).toBe(
      'block',
    );
  });

  it('names both reasons when both fail', () => {
    expect(buyerNotEligibleRule.evaluate(aMatchSubject({ policy: eligibility(true, ['US']) }))?.detail).toBe(
      "anthropic policy v3 only allows resale within the seller's own legal entity, Acme Analytics GmbH, " +
        'but the buyer is Globex Research Ltd; it also only allows buyers in US, but the buyer is in GB.',
    );
  });

  it('does not apply without a buyer', () => {
    expect(buyerNotEligibleRule.evaluate(aSubject({ policy: eligibility(true, []) }))).toBeNull();
  });
});

describe('normaliseLegalEntityName', () => {
  it('trims, collapses whitespace and ignores case', () => {
    expect(normaliseLegalEntityName(' Acme \n Analytics  GMBH ')).toBe('acme analytics gmbh');
  });

  it('treats composed and decomposed accents as the same name', () => {
    expect(normaliseLegalEntityName('Soci\u00e9t\u00e9 X')).toBe(
      normaliseLegalEntityName('Socie\u0301te\u0301 X'),
    );
  });
});

describe('selfTradeRule', () => {
  it('passes different organisations', () => {
    expect(selfTradeRule.evaluate(aMatchSubject())).toEqual({
      rule: 'self_trade',
      outcome: 'pass',
      detail: 'Buyer and seller are different organisations.',
    });
  });

  it('blocks an organisation buying its own lot', () => {
    const subject = aMatchSubject({ seller: aSeller(), buyer: aBuyer({ organizationId: 'org-seller' }) });
    expect(selfTradeRule.evaluate(subject)).toEqual({
      rule: 'self_trade',
      outcome: 'block',
      detail:
        'Buyer and seller are the same organisation (org-seller); an organisation may not trade with itself.',
    });
  });

  it('does not apply without a buyer', () => {
    expect(selfTradeRule.evaluate(aSubject())).toBeNull();
  });
});
