import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@carryover/identity';
import { ResolveDisputeUseCase, SettlementQueryService } from '@carryover/settlement';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Idempotent } from '../http/idempotency/idempotent.decorator';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { UuidParam } from '../http/uuid-param';
import { DisputeResolutionDto, DisputesQueryDto } from './settlement.dto';
import { DisputePageResponse, DisputeResponse, toDisputeResponse } from './settlement.responses';

/** The operators' dispute queue and their resolutions. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/disputes')
@Roles('operator')
export class AdminDisputesController {
  constructor(
    private readonly query: SettlementQueryService,
    private readonly resolveDispute: ResolveDisputeUseCase,
  ) {}

  @Get()
  @ApiOkResponse({
    type: DisputePageResponse,
    description: 'disputes, oldest first; ?status=open for the queue',
  })
  @ProblemResponses(400, 401, 403)
  async list(@Query() query: DisputesQueryDto): Promise<DisputePageResponse> {
    const page = await this.query.disputePage(query);
    return { data: page.data.map(toDisputeResponse), nextCursor: page.nextCursor };
  }

  @Post(':id/resolution')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: DisputeResponse,
    description:
      'release: disputed -> releasing -> settled (compliance checked again; a block is 422 compliance_blocked). ' +
      'refund: disputed -> refunding -> refunded. partial_refund: refundMinor back to the buyer and the rest ' +
      'released to the seller with the fee recomputed on it, then partially_refunded; refundMinor must be ' +
      'below the gross (422 refund_exceeds_gross). A resolved dispute is 409 dispute_resolved',
  })
  @ProblemResponses(400, 401, 403, 404, 409, 422)
  async resolve(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: DisputeResolutionDto,
  ): Promise<DisputeResponse> {
    const refundMinor = body.refundMinor === undefined ? undefined : BigInt(body.refundMinor);
    return toDisputeResponse(await this.resolveDispute.execute(actor, id, { ...body, refundMinor }));
  }
}
