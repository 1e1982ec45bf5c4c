import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@carryover/identity';
import { ConfirmReceiptUseCase, OpenDisputeUseCase, SubmitTransferUseCase } from '@carryover/settlement';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Idempotent } from '../http/idempotency/idempotent.decorator';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { UuidParam } from '../http/uuid-param';
import { OpenDisputeDto, SubmitTransferDto } from './settlement.dto';
import {
  DisputeResponse,
  TradeSettlementResponse,
  toDisputeResponse,
  toTradeSettlementResponse,
} from './settlement.responses';

/** The parties' settlement steps. Another organisation's trade is 404; the wrong side is 403. */
@ApiTags('trades')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/trades')
export class TradeSettlementController {
  constructor(
    private readonly submitTransfer: SubmitTransferUseCase,
    private readonly confirmReceipt: ConfirmReceiptUseCase,
    private readonly openDispute: OpenDisputeUseCase,
  ) {}

  @Post(':id/transfer')
  @Roles('trader')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: TradeSettlementResponse,
    description:
      'the seller reports the credit transfer: transfer_pending -> transfer_submitted, then the workflow moves ' +
      'it to verifying for an operator. The buyer gets 403 not_trade_seller, another state 409 invalid_transition',
  })
  @ProblemResponses(400, 401, 403, 404, 409, 422)
  async transfer(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: SubmitTransferDto,
  ): Promise<TradeSettlementResponse> {
    return toTradeSettlementResponse(await this.submitTransfer.execute(actor, id, body));
  }

  @Post(':id/receipt')
  @Roles('trader')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: TradeSettlementResponse,
    description:
      'the buyer confirms it received the credits (transfer.confirmedByBuyerAt; the first confirmation is ' +
      'kept). The seller gets 403 not_trade_buyer; before the transfer is submitted 409 receipt_not_expected',
  })
  @ProblemResponses(400, 401, 403, 404, 409, 422)
  async receipt(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<TradeSettlementResponse> {
    return toTradeSettlementResponse(await this.confirmReceipt.execute(actor, id));
  }

  @Post(':id/disputes')
  @Roles('trader')
  @Idempotent()
  @ApiCreatedResponse({
    type: DisputeResponse,
    description:
      'the buyer or the seller disputes a funded trade before release: the trade becomes disputed and stays ' +
      'frozen until an operator resolves it; from any other state 409 invalid_transition',
  })
  @ProblemResponses(400, 401, 403, 404, 409, 422)
  async dispute(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: OpenDisputeDto,
  ): Promise<DisputeResponse> {
    return toDisputeResponse(await this.openDispute.execute(actor, id, body.reason));
  }
}
