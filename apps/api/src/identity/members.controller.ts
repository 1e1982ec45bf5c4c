import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import {
  AddMemberUseCase,
  ChangeMemberRoleUseCase,
  IdentityQueryService,
  RemoveMemberUseCase,
  type Actor,
} from '@carryover/identity';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Idempotent } from '../http/idempotency/idempotent.decorator';
import { PageQueryDto } from '../http/page-query.dto';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { UuidParam } from '../http/uuid-param';
import { MemberPageResponse, toUserResponse, UserResponse } from './dto/identity.responses';
import { AddMemberDto, ChangeMemberRoleDto } from './dto/member.dto';

@ApiTags('identity')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/organizations/me/members')
export class MembersController {
  constructor(
    private readonly identity: IdentityQueryService,
    private readonly addMember: AddMemberUseCase,
    private readonly changeRole: ChangeMemberRoleUseCase,
    private readonly removeMember: RemoveMemberUseCase,
  ) {}

  @Get()
  @Roles('viewer')
  @ApiOkResponse({ type: MemberPageResponse })
  @ProblemResponses(400, 401, 403)
  async list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<MemberPageResponse> {
    const page = await this.identity.listMembers(actor, query);
    return { data: page.data.map(toUserResponse), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOkResponse({ type: UserResponse })
  @ProblemResponses(400, 401, 403, 404)
  async get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<UserResponse> {
    return toUserResponse(await this.identity.getMember(actor, id));
  }

  @Post()
  @Roles('org_admin')
  @Idempotent()
  @ApiCreatedResponse({ type: UserResponse })
  @ProblemResponses(400, 401, 403, 409, 422)
  async add(@CurrentActor() actor: Actor, @Body() body: AddMemberDto): Promise<UserResponse> {
    return toUserResponse(await this.addMember.execute(actor, body));
  }

  @Patch(':id')
  @Roles('org_admin')
  @ApiOkResponse({ type: UserResponse })
  @ProblemResponses(400, 401, 403, 404, 409)
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ChangeMemberRoleDto,
  ): Promise<UserResponse> {
    return toUserResponse(await this.changeRole.execute(actor, id, body.role));
  }

  @Delete(':id')
  @Roles('org_admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'the member can no longer sign in' })
  @ProblemResponses(400, 401, 403, 404, 409)
  async remove(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    await this.removeMember.execute(actor, id);
  }
}
