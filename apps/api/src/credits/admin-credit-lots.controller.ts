import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DecideReviewUseCase } from '@carryover/compliance';
import { CreditLotQueryService } from '@carryover/credits';
import type { Actor } from '@carryover/identity';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { UuidParam } from '../http/uuid-param';
import { LotVerificationDto } from './credit-lot.dto';
import { CreditLotResponse, toCreditLotResponse } from './credit-lot.response';

@ApiTags('operator')
@ApiBearerAuth()
@Roles('operator')
@Controller('v1/admin/credit-lots')
export class AdminCreditLotsController {
  constructor(
    private readonly decide: DecideReviewUseCase,
    private readonly lots: CreditLotQueryService,
  ) {}

  @Post(':id/verification')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: CreditLotResponse,
    description: 'the lot after the decision; its review item closes',
  })
  @ProblemResponses(400, 401, 403, 404, 409)
  async verify(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: LotVerificationDto,
  ): Promise<CreditLotResponse> {
    await this.decide.bySubject(
      actor,
      'credit_lot',
      id,
      body.decision === 'verify' ? 'approve' : 'reject',
      body.reason,
    );
    return toCreditLotResponse(await this.lots.getAny(id));
  }
}
