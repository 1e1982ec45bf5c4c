import { reminderThreshold } from './send-expiry-reminders.use-case';

describe('reminderThreshold', () => {
  const days = (n: number) => n * 86_400_000;

  it.each([
    [days(31), null],
    [days(30), 30],
    [days(8), 30],
    [days(7), 7],
    [days(1.5), 7],
    [days(1), 1],
    [1, 1],
  ])('%p ms before tradableUntil is the %p-day reminder', (msLeft, threshold) => {
    expect(reminderThreshold(msLeft)).toBe(threshold);
  });
});
