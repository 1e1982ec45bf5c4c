import { Body, Controller, Delete, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@carryover/identity';
import { CancelBuyOrderUseCase, MarketQueryService, PlaceBuyOrderUseCase } from '@carryover/market';
import { minorToSafeNumber } from '@carryover/shared';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Idempotent } from '../http/idempotency/idempotent.decorator';
import { PageQueryDto } from '../http/page-query.dto';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { UuidParam } from '../http/uuid-param';
import { PlaceOrderDto } from './market.dto';
import {
  CancelledResponse,
  OrderPageResponse,
  OrderPlacedResponse,
  OrderResponse,
  toOrderResponse,
  toTradeResponse,
} from './market.responses';

@ApiTags('market')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/orders')
export class OrdersController {
  constructor(
    private readonly place: PlaceBuyOrderUseCase,
    private readonly cancel: CancelBuyOrderUseCase,
    private readonly market: MarketQueryService,
  ) {}

  @Post()
  @Roles('trader')
  @Idempotent()
  @ApiCreatedResponse({
    type: OrderPlacedResponse,
    description: 'the order and the trades it matched at once',
  })
  @ProblemResponses(400, 401, 403, 422)
  async placeOrder(@CurrentActor() actor: Actor, @Body() body: PlaceOrderDto): Promise<OrderPlacedResponse> {
    const { order, trades } = await this.place.execute(actor, {
      ...body,
      quantityMinor: BigInt(body.quantityMinor),
      minFillMinor: body.minFillMinor === undefined ? undefined : BigInt(body.minFillMinor),
      goodTill: body.goodTill ? new Date(body.goodTill) : undefined,
    });
    return { order: toOrderResponse(order), trades: trades.map((t) => toTradeResponse(t, 'buy')) };
  }

  @Get()
  @Roles('viewer')
  @ApiOkResponse({ type: OrderPageResponse, description: 'the caller’s own orders, newest first' })
  @ProblemResponses(400, 401, 403)
  async list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<OrderPageResponse> {
    const page = await this.market.ownOrders(actor, query);
    return { data: page.data.map(toOrderResponse), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOkResponse({ type: OrderResponse })
  @ProblemResponses(400, 401, 403, 404)
  async get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<OrderResponse> {
    return toOrderResponse(await this.market.ownOrder(actor, id));
  }

  @Delete(':id')
  @Roles('trader')
  @ApiOkResponse({ type: CancelledResponse })
  @ProblemResponses(400, 401, 403, 404, 409)
  async cancelOrder(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<CancelledResponse> {
    const cancelled = await this.cancel.execute(actor, id);
    return { ...cancelled, cancelledMinor: minorToSafeNumber(cancelled.cancelledMinor) };
  }
}
