import { PLATFORM } from '../balances';
import { invalidRequest, noSuch } from '../errors';
import { newId, unixNow } from '../ids';
import { listOf, listParams } from '../lists';
import type { Transfer, TransferReversal } from '../objects';
import {
  allowOnly,
  metadata,
  optionalInteger,
  optionalString,
  requireCurrency,
  requireInteger,
  requireString,
} from '../params';
import { type ApiRequest, type EmulatorContext, route, type Route, snapshot } from '../router';

const CREATE_PARAMS = ['amount', 'currency', 'destination', 'transfer_group', 'metadata', 'description'];

function find(context: EmulatorContext, id: string): Transfer {
  const transfer = context.store.transfers.get(id);
  if (!transfer) throw noSuch('transfer', id);
  return transfer;
}

function positive(amount: number): number {
  if (amount <= 0)
    throw invalidRequest('Invalid positive integer', { code: 'parameter_invalid_integer', param: 'amount' });
  return amount;
}

function create(context: EmulatorContext, request: ApiRequest): object {
  const { params } = request;
  allowOnly(params, CREATE_PARAMS);
  const amount = positive(requireInteger(params, 'amount'));
  const currency = requireCurrency(params);
  const destination = requireString(params, 'destination');
  const account = context.store.accounts.get(destination);
  if (!account) throw noSuch('destination', destination, 'destination');
  if (account.capabilities.transfers !== 'active') {
    throw invalidRequest(
      'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
      { code: 'insufficient_capabilities_for_transfer', param: 'destination' },
    );
  }
  const platform = context.store.balances.get(PLATFORM, currency);
  if (platform.available < amount) {
    throw invalidRequest(
      'You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card. See: https://stripe.com/docs/testing#available-balance',
      { code: 'balance_insufficient' },
    );
  }
  const id = newId('tr');
  const transfer: Transfer = {
    id,
    object: 'transfer',
    amount,
    amount_reversed: 0,
    created: unixNow(),
    currency,
    description: optionalString(params, 'description') ?? null,
    destination,
    destination_payment: newId('py'),
    livemode: false,
    metadata: metadata(params),
    reversals: {
      object: 'list',
      data: [],
      has_more: false,
      total_count: 0,
      url: `/v1/transfers/${id}/reversals`,
    },
    reversed: false,
    source_type: 'card',
    transfer_group: optionalString(params, 'transfer_group') ?? null,
  };
  context.store.transfers.set(id, transfer);
  platform.available -= amount;
  context.store.balances.add(destination, currency, 'available', amount);
  context.emit(request, 'transfer.created', snapshot(transfer));
  return snapshot(transfer);
}

function reverse(context: EmulatorContext, request: ApiRequest, id: string): object {
  const { params } = request;
  allowOnly(params, ['amount', 'metadata', 'description', 'refund_application_fee']);
  const transfer = find(context, id);
  const remaining = transfer.amount - transfer.amount_reversed;
  const requested = optionalInteger(params, 'amount');
  if (remaining === 0) throw invalidRequest(`Transfer ${id} has already been fully reversed.`);
  const amount = positive(requested ?? remaining);
  if (amount > remaining) {
    throw invalidRequest(
      `Transfer reversal amount (${amount}) is greater than the amount left on the transfer (${remaining}).`,
      { code: 'amount_too_large', param: 'amount' },
    );
  }
  const reversal: TransferReversal = {
    id: newId('trr'),
    object: 'transfer_reversal',
    amount,
    created: unixNow(),
    currency: transfer.currency,
    destination_payment_refund: newId('pyr'),
    metadata: metadata(params),
    transfer: id,
  };
  context.store.reversals.set(reversal.id, reversal);
  const previous = { amount_reversed: transfer.amount_reversed, reversed: transfer.reversed };
  transfer.amount_reversed += amount;
  transfer.reversed = transfer.amount_reversed === transfer.amount;
  transfer.reversals.data.unshift(reversal);
  transfer.reversals.total_count = transfer.reversals.data.length;
  context.store.balances.add(transfer.destination, transfer.currency, 'available', -amount);
  context.store.balances.add(PLATFORM, transfer.currency, 'available', amount);
  context.emit(request, 'transfer.reversed', snapshot(transfer), { previousAttributes: previous });
  return snapshot(reversal);
}

export const transferRoutes: Route[] = [
  route('POST', '/v1/transfers', create),
  route('GET', '/v1/transfers', (context, request) => {
    allowOnly(request.params, listParams('destination', 'transfer_group'));
    const destination = optionalString(request.params, 'destination');
    const group = optionalString(request.params, 'transfer_group');
    const transfers = [...context.store.transfers.values()].filter(
      (transfer) =>
        (!destination || transfer.destination === destination) &&
        (!group || transfer.transfer_group === group),
    );
    return listOf(transfers, request.params, '/v1/transfers', 'transfer');
  }),
  route('GET', '/v1/transfers/:id', (context, _request, id) => snapshot(find(context, id))),
  route('POST', '/v1/transfers/:id', (context, request, id) => {
    allowOnly(request.params, ['metadata', 'description']);
    const transfer = find(context, id);
    transfer.metadata = metadata(request.params, transfer.metadata);
    transfer.description = optionalString(request.params, 'description') ?? transfer.description;
    return snapshot(transfer);
  }),
  route('POST', '/v1/transfers/:id/reversals', reverse),
  route('GET', '/v1/transfers/:id/reversals', (context, request, id) => {
    allowOnly(request.params, listParams());
    const reversals = [...find(context, id).reversals.data].reverse();
    return listOf(reversals, request.params, `/v1/transfers/${id}/reversals`, 'transfer_reversal');
  }),
];
