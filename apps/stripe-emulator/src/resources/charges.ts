import { noSuch } from '../errors';
import { newId, unixNow } from '../ids';
import { listOf, listParams } from '../lists';
import type { Charge, PaymentError, PaymentIntent } from '../objects';
import { PLATFORM } from '../balances';
import { allowOnly, optionalString } from '../params';
import { type ApiRequest, type EmulatorContext, route, type Route, snapshot } from '../router';
import { bypassesPending, testPaymentOutcome } from '../test-payment-methods';

export type ChargeOutcome = { charge: Charge; error: null } | { charge: Charge; error: PaymentError };

/**
 * Charges `intent` with a test PaymentMethod, capturing at once: the funds join the platform balance
 * (pending when the emulator holds funds), or the intent goes back to requires_payment_method with the decline.
 */
export function chargeIntent(
  context: EmulatorContext,
  request: ApiRequest,
  intent: PaymentIntent,
  paymentMethod: string,
): ChargeOutcome {
  const outcome = testPaymentOutcome(paymentMethod);
  if (!outcome) throw noSuch('PaymentMethod', paymentMethod, 'payment_method');
  const succeeded = outcome.kind === 'succeeds';
  const charge: Charge = {
    id: newId('ch'),
    object: 'charge',
    amount: intent.amount,
    amount_captured: succeeded ? intent.amount : 0,
    amount_refunded: 0,
    captured: succeeded,
    created: unixNow(),
    currency: intent.currency,
    failure_code: succeeded ? null : outcome.code,
    failure_message: succeeded ? null : outcome.message,
    livemode: false,
    metadata: { ...intent.metadata },
    paid: succeeded,
    payment_intent: intent.id,
    payment_method: paymentMethod,
    refunded: false,
    status: succeeded ? 'succeeded' : 'failed',
    transfer_group: intent.transfer_group,
  };
  context.store.charges.set(charge.id, charge);
  intent.latest_charge = charge.id;
  if (outcome.kind === 'succeeds') {
    intent.payment_method = paymentMethod;
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.last_payment_error = null;
    const bucket = context.holdFundsPending && !bypassesPending(paymentMethod) ? 'pending' : 'available';
    context.store.balances.add(PLATFORM, intent.currency, bucket, intent.amount);
    context.emit(request, 'charge.succeeded', snapshot(charge));
    return { charge, error: null };
  }
  const error: PaymentError = {
    type: 'card_error',
    code: outcome.code,
    ...(outcome.declineCode ? { decline_code: outcome.declineCode } : {}),
    message: outcome.message,
    charge: charge.id,
    doc_url: `https://stripe.com/docs/error-codes/${outcome.code.replace(/_/g, '-')}`,
    payment_method: { id: paymentMethod, object: 'payment_method', type: 'card' },
  };
  // Stripe detaches a failed PaymentMethod so the customer can try another one.
  intent.payment_method = null;
  intent.status = 'requires_payment_method';
  intent.last_payment_error = error;
  context.emit(request, 'charge.failed', snapshot(charge));
  return { charge, error };
}

export const chargeRoutes: Route[] = [
  route('GET', '/v1/charges', (context, request) => {
    allowOnly(request.params, listParams('payment_intent', 'transfer_group'));
    const intent = optionalString(request.params, 'payment_intent');
    const group = optionalString(request.params, 'transfer_group');
    const charges = [...context.store.charges.values()].filter(
      (charge) =>
        (!intent || charge.payment_intent === intent) && (!group || charge.transfer_group === group),
    );
    return listOf(charges, request.params, '/v1/charges', 'charge');
  }),
  route('GET', '/v1/charges/:id', (context, _request, id) => {
    const charge = context.store.charges.get(id);
    if (!charge) throw noSuch('charge', id);
    return snapshot(charge);
  }),
];
