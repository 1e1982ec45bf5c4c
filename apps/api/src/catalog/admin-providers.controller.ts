import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CatalogService, UpdateProviderPolicyUseCase } from '@carryover/catalog';
import type { Actor } from '@carryover/identity';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { PolicyDto, toPolicyTerms } from './dto/policy.dto';
import { PolicyResponse, toPolicyResponse } from './dto/provider.responses';

@ApiTags('operator')
@ApiBearerAuth()
@Roles('operator')
@Controller('v1/admin/providers/:code')
export class AdminProvidersController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly updatePolicy: UpdateProviderPolicyUseCase,
  ) {}

  @Put('policy')
  @ApiOkResponse({
    type: PolicyResponse,
    description: 'the new version (previous + 1); earlier versions are kept',
  })
  @ProblemResponses(400, 401, 403, 404)
  async replacePolicy(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Body() body: PolicyDto,
  ): Promise<PolicyResponse> {
    return toPolicyResponse(await this.updatePolicy.execute(actor, code, toPolicyTerms(body), body.reason));
  }

  @Get('policies')
  @ApiOkResponse({ type: [PolicyResponse], description: 'every version, newest first' })
  @ProblemResponses(401, 403, 404)
  async versions(@Param('code') code: string): Promise<PolicyResponse[]> {
    return (await this.catalog.listPolicyVersions(code)).map(toPolicyResponse);
  }
}
