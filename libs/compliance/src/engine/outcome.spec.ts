import { worstOutcome } from './outcome';

describe('worstOutcome', () => {
  it.each([
    [[], 'pass'],
    [['pass', 'pass'], 'pass'],
    [['pass', 'review', 'pass'], 'review'],
    [['review', 'block', 'pass'], 'block'],
    [['block', 'review'], 'block'],
  ] as const)('of %p is %p', (outcomes, expected) => {
    expect(worstOutcome(outcomes)).toBe(expected);
  });
});
