import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { PaymentQueryService } from '@carryover/escrow';
import type { Actor } from '@carryover/identity';
import { TradeQueryService } from '@carryover/market';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { UuidParam } from '../http/uuid-param';
import { TradesQueryDto } from './market.dto';
import {
  TradeDetailResponse,
  TradePageResponse,
  toTradeDetailResponse,
  toTradeResponse,
} from './market.responses';

@ApiTags('trades')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller()
export class TradesController {
  constructor(
    private readonly trades: TradeQueryService,
    private readonly payments: PaymentQueryService,
  ) {}

  @Get('v1/trades')
  @Roles('viewer')
  @ApiOkResponse({
    type: TradePageResponse,
    description: 'trades of the caller’s organisation, newest first',
  })
  @ProblemResponses(400, 401, 403)
  async list(@CurrentActor() actor: Actor, @Query() query: TradesQueryDto): Promise<TradePageResponse> {
    const page = await this.trades.list(actor, query);
    return { data: page.data.map((t) => toTradeResponse(t, t.side)), nextCursor: page.nextCursor };
  }

  @Get('v1/trades/:id')
  @ApiOkResponse({ type: TradeDetailResponse, description: 'for the buyer, the seller or an operator' })
  @ProblemResponses(400, 401, 404)
  async get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<TradeDetailResponse> {
    const trade = await this.trades.get(actor, id);
    return toTradeDetailResponse(trade, await this.payments.forTrade(trade.id));
  }

  @Get('v1/admin/trades')
  @Roles('operator')
  @ApiOkResponse({ type: TradePageResponse, description: 'every trade, filterable by status' })
  @ProblemResponses(400, 401, 403)
  async listAll(@CurrentActor() actor: Actor, @Query() query: TradesQueryDto): Promise<TradePageResponse> {
    const page = await this.trades.list(actor, query);
    return { data: page.data.map((t) => toTradeResponse(t, t.side)), nextCursor: page.nextCursor };
  }
}
