import { PLATFORM } from '../balances';
import { invalidRequest, missingParam, noSuch } from '../errors';
import { newId, unixNow } from '../ids';
import { listOf, listParams } from '../lists';
import type { Charge, Refund } from '../objects';
import { allowOnly, metadata, optionalEnum, optionalInteger, optionalString } from '../params';
import { type ApiRequest, type EmulatorContext, route, type Route, snapshot } from '../router';

const CREATE_PARAMS = ['payment_intent', 'charge', 'amount', 'reason', 'metadata'];

function refundableCharge(context: EmulatorContext, request: ApiRequest): Charge {
  const intentId = optionalString(request.params, 'payment_intent');
  const chargeId = optionalString(request.params, 'charge');
  if (!intentId && !chargeId) throw missingParam('payment_intent');
  let charge: Charge | undefined;
  if (intentId) {
    const intent = context.store.paymentIntents.get(intentId);
    if (!intent) throw noSuch('payment_intent', intentId, 'payment_intent');
    charge = intent.latest_charge ? context.store.charges.get(intent.latest_charge) : undefined;
    if (intent.status !== 'succeeded' || !charge) {
      throw invalidRequest(`This PaymentIntent (${intentId}) does not have a successful charge to refund.`, {
        param: 'payment_intent',
      });
    }
  } else if (chargeId) {
    charge = context.store.charges.get(chargeId);
    if (!charge) throw noSuch('charge', chargeId, 'charge');
  }
  if (!charge || charge.status !== 'succeeded') {
    throw invalidRequest(`Charge ${chargeId ?? ''} has not succeeded and cannot be refunded.`, {
      param: 'charge',
    });
  }
  if (charge.refunded) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
      code: 'charge_already_refunded',
    });
  }
  return charge;
}

function create(context: EmulatorContext, request: ApiRequest): object {
  const { params } = request;
  allowOnly(params, CREATE_PARAMS);
  const reason = optionalEnum(params, 'reason', [
    'duplicate',
    'fraudulent',
    'requested_by_customer',
  ] as const);
  const requested = optionalInteger(params, 'amount');
  const charge = refundableCharge(context, request);
  const unrefunded = charge.amount_captured - charge.amount_refunded;
  const amount = requested ?? unrefunded;
  if (amount <= 0)
    throw invalidRequest('Invalid positive integer', { code: 'parameter_invalid_integer', param: 'amount' });
  if (amount > unrefunded) {
    throw invalidRequest(
      `Refund amount (${formatMinor(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatMinor(unrefunded, charge.currency)})`,
      { code: 'amount_too_large', param: 'amount' },
    );
  }
  const refund: Refund = {
    id: newId('re'),
    object: 'refund',
    amount,
    charge: charge.id,
    created: unixNow(),
    currency: charge.currency,
    metadata: metadata(params),
    payment_intent: charge.payment_intent,
    reason: reason ?? null,
    status: 'succeeded',
  };
  context.store.refunds.set(refund.id, refund);
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount_captured;
  // A refund is paid out of the platform's balance, which Stripe lets go negative.
  context.store.balances.add(PLATFORM, charge.currency, 'available', -amount);
  context.emit(request, 'refund.created', snapshot(refund));
  context.emit(request, 'charge.refunded', snapshot(charge), { previousAttributes: previous });
  return snapshot(refund);
}

function formatMinor(amount: number, currency: string): string {
  const major = (amount / 100).toFixed(2);
  return currency === 'usd' ? `$${major}` : `${major} ${currency}`;
}

export const refundRoutes: Route[] = [
  route('POST', '/v1/refunds', create),
  route('GET', '/v1/refunds', (context, request) => {
    allowOnly(request.params, listParams('payment_intent', 'charge'));
    const intent = optionalString(request.params, 'payment_intent');
    const charge = optionalString(request.params, 'charge');
    const refunds = [...context.store.refunds.values()].filter(
      (refund) => (!intent || refund.payment_intent === intent) && (!charge || refund.charge === charge),
    );
    return listOf(refunds, request.params, '/v1/refunds', 'refund');
  }),
  route('GET', '/v1/refunds/:id', (context, _request, id) => {
    const refund = context.store.refunds.get(id);
    if (!refund) throw noSuch('refund', id);
    return snapshot(refund);
  }),
];
