import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  GetPayoutStatusUseCase,
  PAYOUT_STATUSES,
  StartPayoutOnboardingUseCase,
  type PayoutStatus,
} from '@carryover/escrow';
import type { Actor } from '@carryover/identity';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ProblemResponses } from '../http/problem-responses.decorator';

export class PayoutOnboardingResponse {
  @ApiProperty({ description: 'a single-use Stripe Connect onboarding link; it expires within minutes' })
  url!: string;
}

export class PayoutStatusResponse {
  @ApiProperty({
    enum: PAYOUT_STATUSES,
    description: 'not_started without a connected account; pending until Stripe enables payouts; enabled',
  })
  status!: PayoutStatus;
}

@ApiTags('identity')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/organizations/me/payouts')
export class PayoutsController {
  constructor(
    private readonly startOnboarding: StartPayoutOnboardingUseCase,
    private readonly getStatus: GetPayoutStatusUseCase,
  ) {}

  @Get()
  @Roles('viewer')
  @ApiOkResponse({ type: PayoutStatusResponse })
  @ProblemResponses(401, 403)
  status(@CurrentActor() actor: Actor): Promise<PayoutStatusResponse> {
    return this.getStatus.execute(actor);
  }

  @Post('onboarding')
  @Roles('org_admin')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: PayoutOnboardingResponse,
    description:
      'creates the organisation’s Stripe Connect account on first use (once, however many calls race) and ' +
      'returns a fresh onboarding link; an unreachable provider is 429 payment_provider_unavailable',
  })
  @ProblemResponses(401, 403, 429)
  onboarding(@CurrentActor() actor: Actor): Promise<PayoutOnboardingResponse> {
    return this.startOnboarding.execute(actor);
  }
}
