import { accountOf } from './record-account-update.use-case';

describe('accountOf: the account in an account.updated payload', () => {
  it('reads the id and onboarding flags', () => {
    const payload = {
      data: { object: { object: 'account', id: 'acct_1', details_submitted: true, payouts_enabled: false } },
    };
    expect(accountOf(payload)).toEqual({ id: 'acct_1', detailsSubmitted: true, payoutsEnabled: false });
  });

  it('treats missing flags as false', () => {
    expect(accountOf({ data: { object: { object: 'account', id: 'acct_2' } } })).toEqual({
      id: 'acct_2',
      detailsSubmitted: false,
      payoutsEnabled: false,
    });
  });

  it('is null for other objects or a malformed payload', () => {
    expect(accountOf({ data: { object: { object: 'payment_intent', id: 'pi_1' } } })).toBeNull();
    expect(accountOf({ data: { object: { object: 'account' } } })).toBeNull();
    expect(accountOf({ data: null })).toBeNull();
    expect(accountOf({})).toBeNull();
  });
});
