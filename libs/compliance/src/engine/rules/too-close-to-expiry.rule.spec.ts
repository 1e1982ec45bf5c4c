import { aLot, aPolicy, aSubject } from '../testing/compliance-subject.factory';
import { tooCloseToExpiryRule } from './too-close-to-expiry.rule';

// The default lot expires 2026-06-01T00:00Z and the policy needs 14 days, so it trades until 2026-05-18.
const UNTIL = new Date('2026-05-18T00:00:00.000Z');
const EXPIRES = new Date('2026-06-01T00:00:00.000Z');
const ms = (date: Date, delta: number): Date => new Date(date.getTime() + delta);

describe('tooCloseToExpiryRule', () => {
  it('passes one millisecond before tradableUntil', () => {
    expect(tooCloseToExpiryRule.evaluate(aSubject({ at: ms(UNTIL, -1) }))).toEqual({
      rule: 'too_close_to_expiry',
      outcome: 'pass',
      detail:
        'This lot is tradable until 2026-05-18T00:00:00.000Z (14 days before expiry at ' +
        '2026-06-01T00:00:00.000Z, per anthropic policy v3).',
    });
  });

  it('blocks exactly at tradableUntil, giving the date', () => {
    expect(tooCloseToExpiryRule.evaluate(aSubject({ at: UNTIL }))).toEqual({
      rule: 'too_close_to_expiry',
      outcome: 'block',
      detail:
        'This lot was tradable only until 2026-05-18T00:00:00.000Z: anthropic policy v3 requires ' +
        '14 days before the credits expire at 2026-06-01T00:00:00.000Z.',
    });
  });

  it('blocks one millisecond before expiry as too close', () => {
    expect(tooCloseToExpiryRule.evaluate(aSubject({ at: ms(EXPIRES, -1) }))?.detail).toMatch(
      /^This lot was tradable only until/,
    );
  });

  it.each([
    ['exactly at expiry', EXPIRES],
    ['after expiry', ms(EXPIRES, 86_400_000)],
  ])('blocks as expired %s', (_when, at) => {
    expect(tooCloseToExpiryRule.evaluate(aSubject({ at }))).toEqual({
      rule: 'too_close_to_expiry',
      outcome: 'block',
      detail: "This lot's credits expired at 2026-06-01T00:00:00.000Z.",
    });
  });

  it('with no minimum days, passes one millisecond before expiry and blocks as expired at it', () => {
    const policy = aPolicy({ minDaysToExpiry: 0 });
    expect(tooCloseToExpiryRule.evaluate(aSubject({ policy, at: ms(EXPIRES, -1) }))?.outcome).toBe('pass');
    expect(tooCloseToExpiryRule.evaluate(aSubject({ policy, at: EXPIRES }))?.detail).toBe(
      "This lot's credits expired at 2026-06-01T00:00:00.000Z.",
    );
  });

  it('counts whole 24-hour days regardless of the time of day of expiry', () => {
    const lot = aLot({ expiresAt: new Date('2026-04-10T15:30:00.000Z') });
    const policy = aPolicy({ minDaysToExpiry: 1 });
    const at = new Date('2026-04-09T15:29:59.999Z');
    expect(tooCloseToExpiryRule.evaluate(aSubject({ lot, policy, at }))?.outcome).toBe('pass');
    expect(tooCloseToExpiryRule.evaluate(aSubject({ lot, policy, at: ms(at, 1) }))?.outcome).toBe('block');
  });

  it('refuses an invalid evaluation moment rather than passing it', () => {
    expect(() => tooCloseToExpiryRule.evaluate(aSubject({ at: new Date(Number.NaN) }))).toThrow(RangeError);
  });
});
