/** Stripe's test PaymentMethods the emulator knows, and how a charge on each ends. */
export type TestPaymentOutcome =
  { kind: 'succeeds' } | { kind: 'declines'; code: string; declineCode?: string; message: string };

const DECLINED = 'Your card was declined.';

const TEST_PAYMENT_METHODS: Record<string, TestPaymentOutcome> = {
  pm_card_visa: { kind: 'succeeds' },
  pm_card_mastercard: { kind: 'succeeds' },
  pm_card_amex: { kind: 'succeeds' },
  pm_card_bypassPending: { kind: 'succeeds' },
  pm_card_chargeDeclined: {
    kind: 'declines',
    code: 'card_declined',
    declineCode: 'generic_decline',
    message: DECLINED,
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    kind: 'declines',
    code: 'card_declined',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
  pm_card_chargeDeclinedFraudulent: {
    kind: 'declines',
    code: 'card_declined',
    declineCode: 'fraudulent',
    message: DECLINED,
  },
  pm_card_chargeDeclinedExpiredCard: {
    kind: 'declines',
    code: 'expired_card',
    message: 'Your card has expired.',
  },
  pm_card_chargeDeclinedIncorrectCvc: {
    kind: 'declines',
    code: 'incorrect_cvc',
    message: "Your card's security code is incorrect.",
  },
};

export function testPaymentOutcome(paymentMethod: string): TestPaymentOutcome | undefined {
  return Object.prototype.hasOwnProperty.call(TEST_PAYMENT_METHODS, paymentMethod)
    ? TEST_PAYMENT_METHODS[paymentMethod]
    : undefined;
}

/** `pm_card_bypassPending` puts its funds straight into the available balance, as in Stripe's test mode. */
export function bypassesPending(paymentMethod: string): boolean {
  return paymentMethod === 'pm_card_bypassPending';
}
