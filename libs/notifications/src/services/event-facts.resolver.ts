import { Injectable } from '@nestjs/common';
import { CatalogService } from '@carryover/catalog';
import { CreditLotQueryService } from '@carryover/credits';
import type { Actor } from '@carryover/identity';
import type { OutboxJob, TradeEventPayload } from '@carryover/jobs';
import { MarketQueryService, TradeQueryService } from '@carryover/market';
import { DomainError } from '@carryover/shared';
import type { EventFacts } from '../domain/event-facts';
import { isWebhookEventType } from '../domain/webhook-events';

/** One organisation that hears about an event, with what it may know about it. */
export interface Audience {
  organizationId: string;
  facts: EventFacts;
}

/**
 * Reads what each involved organisation is told about an event, through the other domains' services and
 * *as that organisation* (a read-only stand-in actor for it), so a notification can never show an
 * organisation something its own API calls could not: the organisation's own view is the ceiling.
 */
@Injectable()
export class EventFactsResolver {
  private readonly providerNames = new Map<string, string>();

  constructor(
    private readonly trades: TradeQueryService,
    private readonly market: MarketQueryService,
    private readonly lots: CreditLotQueryService,
    private readonly catalog: CatalogService,
  ) {}

  /** Both sides of a trade, the seller for listing events, the buyer for order.filled; [] for other events. */
  async audiences(job: OutboxJob): Promise<Audience[]> {
    if (!isWebhookEventType(job.name)) return [];
    if (job.name.startsWith('trade.')) {
      const payload = job.payload as TradeEventPayload;
      const sides = [
        { organizationId: payload.buyerOrganizationId, side: 'buy' as const },
        { organizationId: payload.sellerOrganizationId, side: 'sell' as const },
      ];
      return Promise.all(
        sides.map(async ({ organizationId, side }) => ({
          organizationId,
          facts: {
            type: job.name as Extract<EventFacts, { side: 'buy' | 'sell' }>['type'],
            tradeId: payload.tradeId,
            status: payload.status,
            previousStatus: payload.previousStatus,
            side,
            trade: await this.trade(organizationId, payload.tradeId),
          },
        })),
      );
    }
    if (job.name === 'listing.expiring') {
      const payload = (job as OutboxJob<'listing.expiring'>).payload;
      const lot = await this.lot(payload.organizationId, payload.creditLotId);
      return [
        {
          organizationId: payload.organizationId,
          facts: {
            type: job.name,
            creditLotId: payload.creditLotId,
            listingId: payload.listingId,
            daysLeft: payload.daysLeft,
            lot,
          },
        },
      ];
    }
    if (job.name === 'listing.expired') {
      const payload = (job as OutboxJob<'listing.expired'>).payload;
      const listing = await this.listing(payload.organizationId, payload.listingId);
      return [
        {
          organizationId: payload.organizationId,
          facts: { type: job.name, listingId: payload.listingId, listing },
        },
      ];
    }
    const payload = (job as OutboxJob<'order.filled'>).payload;
    const order = await this.order(payload.organizationId, payload.orderId);
    return [
      {
        organizationId: payload.organizationId,
        facts: { type: 'order.filled', orderId: payload.orderId, order },
      },
    ];
  }

  private async trade(organizationId: string, id: string) {
    const trade = await readable(() => this.trades.get(readerFor(organizationId), id));
    if (!trade) return null;
    return { ...trade, providerName: await this.providerName(trade.providerCode) };
  }

  private async lot(organizationId: string, id: string) {
    const lot = await readable(() => this.lots.get(readerFor(organizationId), id));
    if (!lot) return null;
    return { ...lot, providerName: await this.providerName(lot.providerCode) };
  }

  private async listing(organizationId: string, id: string) {
    const found = await readable(() => this.market.listing(readerFor(organizationId), id));
    if (!found?.mine) return null;
    return { ...found.listing, providerName: await this.providerName(found.listing.providerCode) };
  }

  private async order(organizationId: string, id: string) {
    const order = await readable(() => this.market.ownOrder(readerFor(organizationId), id));
    if (!order) return null;
    return { ...order, providerName: await this.providerName(order.providerCode) };
  }

  private async providerName(code: string): Promise<string> {
    let name = this.providerNames.get(code);
    if (name === undefined) {
      name = (await readable(() => this.catalog.getProvider(code)))?.name ?? code;
      this.providerNames.set(code, name);
    }
    return name;
  }
}

/** The organisation itself, read-only: the stand-in actor the reads above are made as. */
function readerFor(organizationId: string): Actor {
  return { kind: 'api_key', userId: null, apiKeyId: null, organizationId, role: 'viewer' };
}

/** The value, or null when the domain says it is not there or not visible (any other error propagates). */
async function readable<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not_found') return null;
    throw error;
  }
}
