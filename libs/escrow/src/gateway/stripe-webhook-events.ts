/**
 * The Stripe event types Carryover acts on, the ones its webhook endpoint subscribes to (README, "Payments").
 * Any other event is stored and acknowledged without effect, so an endpoint sent every event only costs more.
 */
export const STRIPE_WEBHOOK_EVENTS = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'refund.created',
  'refund.updated',
  'refund.failed',
  'transfer.created',
  'transfer.updated',
  'transfer.reversed',
  'account.updated',
] as const;
