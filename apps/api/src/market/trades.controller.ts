import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@carryover/identity';
import { TradeQueryService } from '@carryover/market';
import { SettlementQueryService } from '@carryover/settlement';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { UuidParam } from '../http/uuid-param';
import { TradeSettlementResponse, toTradeSettlementResponse } from '../settlement/settlement.responses';
import { TradesQueryDto } from './market.dto';
import { TradePageResponse, toTradeResponse } from './market.responses';

@ApiTags('trades')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller()
export class TradesController {
  constructor(
    private readonly trades: TradeQueryService,
    private readonly settlement: SettlementQueryService,
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
  @ApiOkResponse({
    type: TradeSettlementResponse,
    description:
      'for the buyer, the seller or an operator: timeline, payment, transfer, escrow and waitingFor',
  })
  @ProblemResponses(400, 401, 404)
  async get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<TradeSettlementResponse> {
    return toTradeSettlementResponse(await this.settlement.tradeDetail(actor, id));
  }
}
