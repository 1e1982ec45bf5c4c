import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { OrganizationScope, type Actor, type PageRequest } from '@carryover/identity';
import type { Page } from '@carryover/shared';
import { toWebhookEndpointView, type WebhookDeliveryView, type WebhookEndpointView } from '../domain/views';
import { WebhookDeliveryRepository } from '../repositories/webhook-delivery.repository';
import { WebhookEndpointRepository } from '../repositories/webhook-endpoint.repository';

/** The caller's organisation's endpoints and their delivery logs; anyone else's is not found. */
@Injectable()
export class WebhookEndpointQueryService {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveryLog: WebhookDeliveryRepository,
  ) {}

  async list(actor: Actor, request: PageRequest): Promise<Page<WebhookEndpointView>> {
    const page = await this.endpoints.scoped.page(OrganizationScope.of(actor), request, {
      deletedAt: IsNull(),
    });
    return { data: page.data.map(toWebhookEndpointView), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<WebhookEndpointView> {
    return toWebhookEndpointView(await this.endpoints.getLive(OrganizationScope.of(actor), id));
  }

  async deliveries(actor: Actor, id: string, request: PageRequest): Promise<Page<WebhookDeliveryView>> {
    const endpoint = await this.endpoints.getLive(OrganizationScope.of(actor), id);
    return this.deliveryLog.pageForEndpoint(endpoint.id, request);
  }
}
