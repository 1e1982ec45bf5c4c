import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreateApiKeyUseCase,
  IdentityQueryService,
  RevokeApiKeyUseCase,
  type Actor,
} from '@carryover/identity';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Idempotent } from '../http/idempotency/idempotent.decorator';
import { PageQueryDto } from '../http/page-query.dto';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { UuidParam } from '../http/uuid-param';
import { CreateApiKeyDto } from './dto/api-key.dto';
import { ApiKeyPageResponse, CreatedApiKeyResponse, toApiKeyResponse } from './dto/identity.responses';

@ApiTags('identity')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Roles('org_admin')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(
    private readonly identity: IdentityQueryService,
    private readonly createKey: CreateApiKeyUseCase,
    private readonly revokeKey: RevokeApiKeyUseCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: ApiKeyPageResponse, description: 'keys without their secret' })
  @ProblemResponses(400, 401, 403)
  async list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<ApiKeyPageResponse> {
    const page = await this.identity.listApiKeys(actor, query);
    return { data: page.data.map(toApiKeyResponse), nextCursor: page.nextCursor };
  }

  @Post()
  @Idempotent()
  @ApiCreatedResponse({
    type: CreatedApiKeyResponse,
    description: 'the key is in `key`, shown only this once',
  })
  @ProblemResponses(400, 401, 403, 422)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    const created = await this.createKey.execute(actor, body);
    return { ...toApiKeyResponse(created), key: created.key };
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'the key stops working immediately' })
  @ProblemResponses(400, 401, 403, 404, 409)
  async revoke(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    await this.revokeKey.execute(actor, id);
  }
}
