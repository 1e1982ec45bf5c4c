import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { IdentityQueryService, type Actor } from '@carryover/identity';
import { CurrentActor } from '../auth/auth.decorators';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { MeResponse, toOrganizationResponse, toUserResponse } from './dto/identity.responses';

@ApiTags('identity')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/me')
export class MeController {
  constructor(private readonly identity: IdentityQueryService) {}

  @Get()
  @ApiOkResponse({ type: MeResponse })
  @ProblemResponses(401)
  async me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    const { user, organization } = await this.identity.me(actor);
    return {
      user: user ? toUserResponse(user) : null,
      organization: organization ? toOrganizationResponse(organization) : null,
      authenticatedAs: actor.kind,
      role: actor.role,
    };
  }
}
