import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { LoginUseCase, RegisterOrganizationUseCase } from '@carryover/identity';
import { AuthThrottlerGuard } from '../auth/auth-throttler.guard';
import { Public } from '../auth/auth.decorators';
import { Idempotent } from '../http/idempotency/idempotent.decorator';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import {
  LoginResponse,
  RegisterResponse,
  toOrganizationResponse,
  toUserResponse,
} from './dto/identity.responses';

@ApiTags('identity')
@Public()
@UseGuards(AuthThrottlerGuard)
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly register: RegisterOrganizationUseCase,
    private readonly login: LoginUseCase,
  ) {}

  @Post('register')
  @Idempotent()
  @ApiCreatedResponse({
    type: RegisterResponse,
    description: 'the organisation, its first user (org_admin) and a token',
  })
  @ProblemResponses(400, 409, 422, 429)
  async registerOrganization(@Body() body: RegisterDto): Promise<RegisterResponse> {
    const { organization, user, token } = await this.register.execute(body);
    return { organization: toOrganizationResponse(organization), user: toUserResponse(user), ...token };
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: LoginResponse })
  @ProblemResponses(400, 401, 429)
  signIn(@Body() body: LoginDto): Promise<LoginResponse> {
    return this.login.execute(body);
  }
}
