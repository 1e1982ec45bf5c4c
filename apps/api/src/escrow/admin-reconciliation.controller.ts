import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ReconcileEscrowUseCase, ReconciliationQueryService } from '@carryover/escrow';
import { Roles } from '../auth/auth.decorators';
import { ProblemResponses } from '../http/problem-responses.decorator';
import {
  ReconciliationDifferencePageResponse,
  ReconciliationDifferencesQueryDto,
  ReconciliationRunDto,
  ReconciliationSummaryResponse,
  toDifferenceResponse,
  toSummaryResponse,
} from './reconciliation.dto';

@ApiTags('operator')
@ApiBearerAuth()
@Roles('operator')
@Controller('v1/admin/reconciliation')
export class AdminReconciliationController {
  constructor(
    private readonly differences: ReconciliationQueryService,
    private readonly reconcile: ReconcileEscrowUseCase,
  ) {}

  @Get('differences')
  @ApiOkResponse({
    type: ReconciliationDifferencePageResponse,
    description: 'where the ledger and the payment provider disagree, newest first; open ones by default',
  })
  @ProblemResponses(400, 401, 403)
  async list(
    @Query() query: ReconciliationDifferencesQueryDto,
  ): Promise<ReconciliationDifferencePageResponse> {
    const page = await this.differences.list(query);
    return { data: page.data.map(toDifferenceResponse), nextCursor: page.nextCursor };
  }

  @Post('runs')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: ReconciliationSummaryResponse,
    description:
      'compares the ledger with the payment provider now and records differences; 409 reconciliation_running ' +
      'while another run is under way',
  })
  @ProblemResponses(400, 401, 403, 409)
  async run(@Body() body: ReconciliationRunDto): Promise<ReconciliationSummaryResponse> {
    return toSummaryResponse(await this.reconcile.execute(body));
  }
}
