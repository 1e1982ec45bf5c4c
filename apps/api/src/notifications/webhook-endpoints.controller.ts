import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@carryover/identity';
import {
  CreateWebhookEndpointUseCase,
  DeleteWebhookEndpointUseCase,
  WebhookEndpointQueryService,
} from '@carryover/notifications';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Idempotent } from '../http/idempotency/idempotent.decorator';
import { PageQueryDto } from '../http/page-query.dto';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { UuidParam } from '../http/uuid-param';
import {
  CreateWebhookEndpointDto,
  CreatedWebhookEndpointResponse,
  WebhookDeliveryPageResponse,
  WebhookEndpointPageResponse,
  WebhookEndpointResponse,
  toWebhookDeliveryResponse,
  toWebhookEndpointResponse,
} from './notifications.dto';

@ApiTags('webhooks')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Roles('org_admin')
@Controller('v1/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(
    private readonly query: WebhookEndpointQueryService,
    private readonly createEndpoint: CreateWebhookEndpointUseCase,
    private readonly deleteEndpoint: DeleteWebhookEndpointUseCase,
  ) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({
    type: CreatedWebhookEndpointResponse,
    description: 'the signing secret is in `secret`, shown only this once',
  })
  @ProblemResponses(400, 401, 403, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateWebhookEndpointDto,
  ): Promise<CreatedWebhookEndpointResponse> {
    const created = await this.createEndpoint.execute(actor, body);
    return { ...toWebhookEndpointResponse(created), secret: created.secret };
  }

  @Get()
  @ApiOkResponse({ type: WebhookEndpointPageResponse, description: 'newest first, without secrets' })
  @ProblemResponses(400, 401, 403)
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: PageQueryDto,
  ): Promise<WebhookEndpointPageResponse> {
    const page = await this.query.list(actor, query);
    return { data: page.data.map(toWebhookEndpointResponse), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookEndpointResponse })
  @ProblemResponses(400, 401, 403, 404)
  async get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<WebhookEndpointResponse> {
    return toWebhookEndpointResponse(await this.query.get(actor, id));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'nothing more is sent to it; deliveries still waiting are given up' })
  @ProblemResponses(400, 401, 403, 404)
  async remove(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    await this.deleteEndpoint.execute(actor, id);
  }

  @Get(':id/deliveries')
  @ApiOkResponse({
    type: WebhookDeliveryPageResponse,
    description: 'the delivery log, newest first, each delivery with every attempt',
  })
  @ProblemResponses(400, 401, 403, 404)
  async deliveries(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<WebhookDeliveryPageResponse> {
    const page = await this.query.deliveries(actor, id, query);
    return { data: page.data.map(toWebhookDeliveryResponse), nextCursor: page.nextCursor };
  }
}
