import { aBuyer, aMatchSubject, aSeller, aSubject } from '../testing/compliance-subject.factory';
import { buyerKycNotVerifiedRule } from './buyer-kyc-not-verified.rule';
import { sellerKycNotVerifiedRule } from './seller-kyc-not-verified.rule';

describe('sellerKycNotVerifiedRule', () => {
  const who = 'Seller Acme Analytics GmbH (organisation org-seller)';

  it.each([
    ['verified', 'pass', `${who} has passed KYC verification.`],
    [
      'pending',
      'review',
      `${who} has not finished KYC verification; an operator must verify the organisation first.`,
    ],
    ['rejected', 'block', `${who} failed KYC verification and may not trade.`],
  ] as const)('a %s seller gives %s', (kycStatus, outcome, detail) => {
    expect(sellerKycNotVerifiedRule.evaluate(aSubject({ seller: aSeller({ kycStatus }) }))).toEqual({
      rule: 'seller_kyc_not_verified',
      outcome,
      detail,
    });
  });
});

describe('buyerKycNotVerifiedRule', () => {
  const who = 'Buyer Globex Research Ltd (organisation org-buyer)';

  it.each([
    ['verified', 'pass', `${who} has passed KYC verification.`],
    [
      'pending',
      'review',
      `${who} has not finished KYC verification; an operator must verify the organisation first.`,
    ],
    ['rejected', 'block', `${who} failed KYC verification and may not trade.`],
  ] as const)('a %s buyer gives %s', (kycStatus, outcome, detail) => {
    expect(buyerKycNotVerifiedRule.evaluate(aMatchSubject({ buyer: aBuyer({ kycStatus }) }))).toEqual({
      rule: 'buyer_kyc_not_verified',
      outcome,
      detail,
    });
  });

  it('does not apply without a buyer, even when the seller is unverified', () => {
    expect(
      buyerKycNotVerifiedRule.evaluate(aSubject({ seller: aSeller({ kycStatus: 'rejected' }) })),
    ).toBeNull();
  });
});
