import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CreditLotQueryService, RegisterCreditLotUseCase } from '@carryover/credits';
import type { Actor } from '@carryover/identity';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Idempotent } from '../http/idempotency/idempotent.decorator';
import { PageQueryDto } from '../http/page-query.dto';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { UuidParam } from '../http/uuid-param';
import { CreateCreditLotDto, toRegisterCommand } from './credit-lot.dto';
import { CreditLotPageResponse, CreditLotResponse, toCreditLotResponse } from './credit-lot.response';

@ApiTags('credit lots')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/credit-lots')
export class CreditLotsController {
  constructor(
    private readonly register: RegisterCreditLotUseCase,
    private readonly lots: CreditLotQueryService,
  ) {}

  @Post()
  @Roles('trader')
  @Idempotent()
  @ApiCreatedResponse({
    type: CreditLotResponse,
    description: 'registered, pending an operator’s verification',
  })
  @ProblemResponses(400, 401, 403, 422)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateCreditLotDto): Promise<CreditLotResponse> {
    const { lot, compliance } = await this.register.execute(actor, toRegisterCommand(body));
    return toCreditLotResponse({ ...lot, compliance });
  }

  @Get()
  @Roles('viewer')
  @ApiOkResponse({ type: CreditLotPageResponse, description: 'the caller’s own lots, newest first' })
  @ProblemResponses(400, 401, 403)
  async list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<CreditLotPageResponse> {
    const page = await this.lots.list(actor, query);
    return { data: page.data.map(toCreditLotResponse), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOkResponse({ type: CreditLotResponse })
  @ProblemResponses(400, 401, 403, 404)
  async get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<CreditLotResponse> {
    return toCreditLotResponse(await this.lots.get(actor, id));
  }
}
