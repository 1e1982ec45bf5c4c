import type { EventFacts, TradeFacts } from './event-facts';
import { notificationMessage } from './notification-messages';
import { webhookData } from './webhook-payload';

const trade: TradeFacts = {
  id: '0b6c5c1e-0000-4000-8000-000000000001',
  providerCode: 'anthropic',
  providerName: 'Anthropic',
  currency: 'USD',
  quantityMinor: 1_234_567n,
  priceBps: 7250,
  grossMinor: 895_061n,
  feeMinor: 44_753n,
  sellerProceedsMinor: 850_308n,
  transferMethod: 'account_transfer',
};

type TradeEventFacts = Extract<EventFacts, { side: unknown }>;

function tradeFacts(type: TradeEventFacts['type'], side: 'buy' | 'sell'): TradeEventFacts {
  return { type, tradeId: trade.id, status: 'x', previousStatus: null, side, trade };
}

describe('notification messages', () => {
  it('tells the seller what a match earns, as money', () => {
    const message = notificationMessage(tradeFacts('trade.matched', 'sell'));
    expect(message.title).toBe('Sale agreed: $12,345.67 of Anthropic credit for $8,950.61');
    expect(message.body).toContain('at 72.5% of face value');
    expect(message.body).toContain('platform fee of $447.53 you will receive $8,503.08');
    expect(message).toMatchObject({ link: `/trades/${trade.id}`, subject: { type: 'trade', id: trade.id } });
  });

  it.each([
    ['trade.funded', 'buy', 'Payment received: $8,950.61 held in escrow'],
    ['trade.transfer_requested', 'sell', 'Action needed: transfer $12,345.67 of Anthropic credit'],
    ['trade.settled', 'sell', 'Paid: $8,503.08 for $12,345.67 of Anthropic credit'],
    ['trade.refunded', 'buy', 'Refunded: $8,950.61'],
  ] as const)('%s for the %s side reads "%s"', (type, side, title) => {
    expect(notificationMessage(tradeFacts(type, side)).title).toBe(title);
  });

  it('stays generic when the trade could not be read', () => {
    const message = notificationMessage({ ...tradeFacts('trade.settled', 'buy'), trade: null });
    expect(message.title).toBe('Trade 0b6c5c1e is complete');
  });

  it('reminds about unsold credit with the last trading day', () => {
    const message = notificationMessage({
      type: 'listing.expiring',
      creditLotId: 'lot-1',
      listingId: null,
      daysLeft: 7,
      lot: {
        id: 'lot-1',
        providerCode: 'openai',
        providerName: 'OpenAI',
        accountReference: 'org-abc',
        currency: 'USD',
        listedMinor: 400_000n,
        availableMinor: 0n,
        tradableUntil: new Date('2026-12-24T12:00:00Z'),
      },
    });
    expect(message.title).toBe('$4,000.00 of OpenAI credit unsold, 7 days left to sell');
    expect(message.body).toContain('(all of it is listed)');
    expect(message.body).toContain('until 24 December 2026');
  });

  it('gives webhooks the receiving side and amounts in minor units, never the counterparty', () => {
    expect(webhookData(tradeFacts('trade.funded', 'buy'))).toEqual({
      tradeId: trade.id,
      status: 'x',
      previousStatus: null,
      side: 'buy',
      providerCode: 'anthropic',
      currency: 'USD',
      quantityMinor: 1_234_567,
      priceBps: 7250,
      grossMinor: 895_061,
      feeMinor: 44_753,
      sellerProceedsMinor: 850_308,
      transferMethod: 'account_transfer',
    });
  });
});
