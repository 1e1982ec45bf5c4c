import type { OutboxEventName } from '@carryover/jobs';
import type { TradeStatus } from '@carryover/market';

/** The outbox event announcing that a trade entered `status` (the transfer step is "requested"). */
export const TRADE_STATUS_EVENTS: { readonly [S in TradeStatus]: OutboxEventName } = {
  awaiting_payment: 'trade.matched',
  funded: 'trade.funded',
  awaiting_provider_approval: 'trade.awaiting_provider_approval',
  transfer_pending: 'trade.transfer_requested',
  transfer_submitted: 'trade.transfer_submitted',
  verifying: 'trade.verifying',
  releasing: 'trade.releasing',
  settled: 'trade.settled',
  cancelled: 'trade.cancelled',
  refunding: 'trade.refunding',
  refunded: 'trade.refunded',
  disputed: 'trade.disputed',
  partially_refunded: 'trade.partially_refunded',
};
