import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { DecideReviewUseCase } from '@carryover/compliance';
import { KYC_STATUSES, OrganizationDirectory, type Actor, type KycStatus } from '@carryover/identity';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { PageQueryDto } from '../http/page-query.dto';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { UuidParam } from '../http/uuid-param';
import { OrganizationResponse, toOrganizationResponse } from '../identity/dto/identity.responses';

export class OrganizationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: KYC_STATUSES })
  @IsOptional()
  @IsIn(KYC_STATUSES)
  kycStatus?: KycStatus;
}

export class KycDecisionDto {
  @ApiProperty({ enum: ['verify', 'reject'] })
  @IsIn(['verify', 'reject'])
  decision!: 'verify' | 'reject';

  @ApiProperty({ description: 'what was checked; kept in the audit log' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class OrganizationPageResponse {
  @ApiProperty({ type: [OrganizationResponse] }) data!: OrganizationResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

@ApiTags('operator')
@ApiBearerAuth()
@Roles('operator')
@Controller('v1/admin/organizations')
export class AdminOrganizationsController {
  constructor(
    private readonly directory: OrganizationDirectory,
    private readonly decide: DecideReviewUseCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: OrganizationPageResponse })
  @ProblemResponses(400, 401, 403)
  async list(@Query() query: OrganizationsQueryDto): Promise<OrganizationPageResponse> {
    const page = await this.directory.page(query);
    return { data: page.data.map(toOrganizationResponse), nextCursor: page.nextCursor };
  }

  @Post(':id/kyc')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: OrganizationResponse,
    description: 'KYC recorded; the organisation’s open review item closes',
  })
  @ProblemResponses(400, 401, 403, 404)
  async decideKyc(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: KycDecisionDto,
  ): Promise<OrganizationResponse> {
    const decision = body.decision === 'verify' ? 'approve' : 'reject';
    await this.decide.bySubject(actor, 'organization', id, decision, body.reason);
    return toOrganizationResponse(await this.directory.get(id));
  }
}
