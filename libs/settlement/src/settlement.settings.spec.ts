import { settlementSettingsFrom } from './settlement.settings';

describe('settlementSettingsFrom', () => {
  it('defaults to 24 h to pay, 72 h to transfer and 24 h in any other step', () => {
    expect(settlementSettingsFrom(() => undefined)).toEqual({
      paymentWindowMs: 86_400_000,
      transferWindowMs: 259_200_000,
      stuckStepWindowMs: 86_400_000,
    });
  });

  it('reads each window in seconds', () => {
    const env: Record<string, unknown> = {
      PAYMENT_WINDOW_SECONDS: 60,
      TRANSFER_WINDOW_SECONDS: '120',
      STUCK_STEP_WINDOW_SECONDS: 5,
    };
    expect(settlementSettingsFrom((name) => env[name])).toEqual({
      paymentWindowMs: 60_000,
      transferWindowMs: 120_000,
      stuckStepWindowMs: 5_000,
    });
  });
});
