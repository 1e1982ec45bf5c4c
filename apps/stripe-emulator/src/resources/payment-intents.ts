import { invalidRequest, noSuch, StripeApiError, unexpectedState } from '../errors';
import type { FormObject } from '../form-parser';
import { newId, token, unixNow } from '../ids';
import { listOf, listParams } from '../lists';
import type { PaymentIntent, PaymentIntentStatus } from '../objects';
import {
  allowOnly,
  metadata,
  optionalBoolean,
  optionalEnum,
  optionalObject,
  optionalString,
  requireCurrency,
  requireInteger,
  stringList,
} from '../params';
import { type ApiRequest, type EmulatorContext, route, type Route, snapshot } from '../router';
import { chargeIntent } from './charges';

const CREATE_PARAMS = [
  'amount',
  'currency',
  'payment_method',
  'payment_method_types',
  'allowed_payment_method_types',
  'excluded_payment_method_types',
  'automatic_payment_methods',
  'confirm',
  'capture_method',
  'metadata',
  'transfer_group',
  'description',
  'receipt_email',
  'statement_descriptor',
  'statement_descriptor_suffix',
  'return_url',
  'off_session',
];
const CONFIRM_PARAMS = [
  'payment_method',
  'return_url',
  'off_session',
  'receipt_email',
  'error_on_requires_action',
];
const UPDATE_PARAMS = ['metadata', 'description', 'transfer_group', 'payment_method', 'receipt_email'];
const CANCELABLE: PaymentIntentStatus[] = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
];
const MIN_AMOUNT = 50;
const MAX_AMOUNT = 99_999_999;

function find(context: EmulatorContext, id: string): PaymentIntent {
  const intent = context.store.paymentIntents.get(id);
  if (!intent) throw noSuch('payment_intent', id);
  return intent;
}

function create(context: EmulatorContext, request: ApiRequest): object {
  const { params } = request;
  allowOnly(params, CREATE_PARAMS);
  const amount = requireInteger(params, 'amount');
  const currency = requireCurrency(params);
  if (amount < MIN_AMOUNT) {
    throw invalidRequest(`Amount must be at least ${MIN_AMOUNT} ${currency} minor units.`, {
      code: 'amount_too_small',
      param: 'amount',
    });
  }
  if (amount > MAX_AMOUNT) {
    throw invalidRequest(`Amount must be no more than ${MAX_AMOUNT}.`, {
      code: 'amount_too_large',
      param: 'amount',
    });
  }
  // The escrow captures at once (DESIGN: capture is immediate), so manual capture is out of the subset.
  optionalEnum(params, 'capture_method', ['automatic', 'automatic_async'] as const);
  const paymentMethod = optionalString(params, 'payment_method') ?? null;
  const confirmNow = optionalBoolean(params, 'confirm') ?? false;
  const allowed =
    stringList(params, 'allowed_payment_method_types') ?? stringList(params, 'payment_method_types');
  const id = newId('pi');
  const intent: PaymentIntent = {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: allowed ?? null,
    amount,
    amount_capturable: 0,
    amount_received: 0,
    automatic_payment_methods: automaticPaymentMethods(params, allowed),
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${id}_secret_${token(25)}`,
    confirmation_method: 'automatic',
    created: unixNow(),
    currency,
    customer: null,
    description: optionalString(params, 'description') ?? null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: metadata(params),
    next_action: null,
    payment_method: paymentMethod,
    payment_method_types: allowed ?? ['card'],
    receipt_email: optionalString(params, 'receipt_email') ?? null,
    statement_descriptor: optionalString(params, 'statement_descriptor') ?? null,
    statement_descriptor_suffix: optionalString(params, 'statement_descriptor_suffix') ?? null,
    status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    transfer_group: optionalString(params, 'transfer_group') ?? null,
  };
  context.store.paymentIntents.set(id, intent);
  context.emit(request, 'payment_intent.created', snapshot(intent));
  if (confirmNow) return confirmIntent(context, request, intent, paymentMethod);
  return snapshot(intent);
}

/** Without an explicit list of payment method types, recent API versions turn automatic ones on. */
function automaticPaymentMethods(
  params: FormObject,
  allowed: string[] | undefined,
): PaymentIntent['automatic_payment_methods'] {
  const requested = optionalObject(params, 'automatic_payment_methods');
  if (requested) {
    const allowRedirects =
      typeof requested.allow_redirects === 'string' ? requested.allow_redirects : undefined;
    return {
      enabled: requested.enabled === 'true',
      ...(allowRedirects ? { allow_redirects: allowRedirects } : {}),
    };
  }
  return allowed ? null : { enabled: true };
}

function confirm(context: EmulatorContext, request: ApiRequest, id: string): object {
  allowOnly(request.params, CONFIRM_PARAMS);
  const intent = find(context, id);
  const paymentMethod = optionalString(request.params, 'payment_method') ?? intent.payment_method;
  return confirmIntent(context, request, intent, paymentMethod);
}

function confirmIntent(
  context: EmulatorContext,
  request: ApiRequest,
  intent: PaymentIntent,
  paymentMethod: string | null,
): object {
  if (intent.status !== 'requires_payment_method' && intent.status !== 'requires_confirmation') {
    throw unexpectedState(
      `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: requires_confirmation, requires_payment_method, requires_action.`,
    );
  }
  if (!paymentMethod) {
    throw unexpectedState(
      "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
    );
  }
  const { error } = chargeIntent(context, request, intent, paymentMethod);
  if (!error) {
    context.emit(request, 'payment_intent.succeeded', snapshot(intent));
    return snapshot(intent);
  }
  context.emit(request, 'payment_intent.payment_failed', snapshot(intent));
  throw new StripeApiError(402, { ...error, payment_intent: snapshot(intent) });
}

function update(context: EmulatorContext, request: ApiRequest, id: string): object {
  allowOnly(request.params, UPDATE_PARAMS);
  const intent = find(context, id);
  const { params } = request;
  intent.metadata = metadata(params, intent.metadata);
  intent.description = optionalString(params, 'description') ?? intent.description;
  intent.transfer_group = optionalString(params, 'transfer_group') ?? intent.transfer_group;
  intent.receipt_email = optionalString(params, 'receipt_email') ?? intent.receipt_email;
  const paymentMethod = optionalString(params, 'payment_method');
  if (
    paymentMethod &&
    (intent.status === 'requires_payment_method' || intent.status === 'requires_confirmation')
  ) {
    intent.payment_method = paymentMethod;
    intent.status = 'requires_confirmation';
  }
  return snapshot(intent);
}

function cancel(context: EmulatorContext, request: ApiRequest, id: string): object {
  allowOnly(request.params, ['cancellation_reason']);
  const intent = find(context, id);
  const reason = optionalEnum(request.params, 'cancellation_reason', [
    'duplicate',
    'fraudulent',
    'requested_by_customer',
    'abandoned',
  ] as const);
  if (!CANCELABLE.includes(intent.status)) {
    throw unexpectedState(
      `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
    );
  }
  intent.status = 'canceled';
  intent.canceled_at = unixNow();
  intent.cancellation_reason = reason ?? null;
  context.emit(request, 'payment_intent.canceled', snapshot(intent));
  return snapshot(intent);
}

export const paymentIntentRoutes: Route[] = [
  route('POST', '/v1/payment_intents', create),
  route('GET', '/v1/payment_intents', (context, request) => {
    allowOnly(request.params, listParams());
    return listOf(
      context.store.paymentIntents.values(),
      request.params,
      '/v1/payment_intents',
      'payment_intent',
    );
  }),
  route('GET', '/v1/payment_intents/:id', (context, _request, id) => snapshot(find(context, id))),
  route('POST', '/v1/payment_intents/:id', update),
  route('POST', '/v1/payment_intents/:id/confirm', confirm),
  route('POST', '/v1/payment_intents/:id/cancel', cancel),
];
