import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@carryover/identity';
import {
  DecideProviderApprovalUseCase,
  DecideVerificationUseCase,
  SettlementQueryService,
} from '@carryover/settlement';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Idempotent } from '../http/idempotency/idempotent.decorator';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { UuidParam } from '../http/uuid-param';
import { AdminTradesQueryDto, ProviderApprovalDto, VerificationDto } from './settlement.dto';
import {
  OperatorTradePageResponse,
  OperatorTradeResponse,
  TradeSettlementResponse,
  toOperatorTradeResponse,
  toOperatorTradeRowResponse,
  toTradeSettlementResponse,
} from './settlement.responses';

/** The operators' trade console: every trade, its full settlement view, and their decisions. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/trades')
@Roles('operator')
export class AdminTradesController {
  constructor(
    private readonly query: SettlementQueryService,
    private readonly verification: DecideVerificationUseCase,
    private readonly providerApproval: DecideProviderApprovalUseCase,
  ) {}

  @Get()
  @ApiOkResponse({
    type: OperatorTradePageResponse,
    description: 'every trade, newest first, with what it waits for and whether it is flagged',
  })
  @ProblemResponses(400, 401, 403)
  async list(@Query() query: AdminTradesQueryDto): Promise<OperatorTradePageResponse> {
    const page = await this.query.operatorTradePage(query);
    return { data: page.data.map(toOperatorTradeRowResponse), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({
    type: OperatorTradeResponse,
    description:
      'parties with legal entity names, provider, amounts, transfer evidence, buyer confirmation, the latest ' +
      'compliance check with its policy version, ledger journals and balances, timeline, dispute, waiting reason',
  })
  @ProblemResponses(400, 401, 403, 404)
  async get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<OperatorTradeResponse> {
    return toOperatorTradeResponse(await this.query.operatorTrade(actor, id));
  }

  @Post(':id/verification')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: TradeSettlementResponse,
    description:
      'approve: compliance is checked again, then verifying -> releasing (the seller is paid and the trade ' +
      'settles); a block is 422 compliance_blocked and the trade stays verifying. reject: verifying -> ' +
      'refunding (the buyer is refunded). Any other state 409 invalid_transition',
  })
  @ProblemResponses(400, 401, 403, 404, 409, 422)
  async verify(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: VerificationDto,
  ): Promise<TradeSettlementResponse> {
    return toTradeSettlementResponse(await this.verification.execute(actor, id, body));
  }

  @Post(':id/provider-approval')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: TradeSettlementResponse,
    description:
      'the provider’s answer for a trade awaiting it: approved -> transfer_pending, denied -> refunding; ' +
      'any other state 409 invalid_transition',
  })
  @ProblemResponses(400, 401, 403, 404, 409, 422)
  async decideProviderApproval(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ProviderApprovalDto,
  ): Promise<TradeSettlementResponse> {
    return toTradeSettlementResponse(await this.providerApproval.execute(actor, id, body));
  }
}
