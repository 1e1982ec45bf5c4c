import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { PayForTradeUseCase } from '@carryover/escrow';
import type { Actor } from '@carryover/identity';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Idempotent } from '../http/idempotency/idempotent.decorator';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { UuidParam } from '../http/uuid-param';
import { PayTradeDto, PaymentResponse, toPaymentResponse } from './payments.dto';

@ApiTags('trades')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/trades')
export class TradePaymentsController {
  constructor(private readonly pay: PayForTradeUseCase) {}

  @Post(':id/payment')
  @Roles('trader')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: PaymentResponse,
    description:
      'the buyer pays the trade’s gross into escrow; a decline is 200 with status failed and lastError, ' +
      'and the trade stays awaiting_payment; it becomes funded when the provider confirms. ' +
      'Another organisation gets 404, the seller 403 not_trade_buyer, a trade in another state 409 ' +
      'invalid_transition, an unreachable provider 429 payment_provider_unavailable (retry with the same key)',
  })
  @ProblemResponses(400, 401, 403, 404, 409, 422, 429)
  async payTrade(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: PayTradeDto,
  ): Promise<PaymentResponse> {
    return toPaymentResponse(await this.pay.execute(actor, id, body.paymentMethodId));
  }
}
