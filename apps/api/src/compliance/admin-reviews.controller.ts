import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DecideReviewUseCase, ReviewQueue } from '@carryover/compliance';
import type { Actor } from '@carryover/identity';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { UuidParam } from '../http/uuid-param';
import {
  DecideReviewDto,
  ReviewPageResponse,
  ReviewResponse,
  ReviewsQueryDto,
  toReviewResponse,
} from './review.dto';

@ApiTags('operator')
@ApiBearerAuth()
@Roles('operator')
@Controller('v1/admin/reviews')
export class AdminReviewsController {
  constructor(
    private readonly queue: ReviewQueue,
    private readonly decide: DecideReviewUseCase,
  ) {}

  @Get()
  @ApiOkResponse({
    type: ReviewPageResponse,
    description: 'oldest first: organisations, lots and listings awaiting a decision',
  })
  @ProblemResponses(400, 401, 403)
  async list(@Query() query: ReviewsQueryDto): Promise<ReviewPageResponse> {
    const page = await this.queue.page(query);
    return { data: page.data.map(toReviewResponse), nextCursor: page.nextCursor };
  }

  @Post(':id')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: ReviewResponse,
    description: 'the decided item; the decision is applied to its subject',
  })
  @ProblemResponses(400, 401, 403, 404, 409)
  async decideReview(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: DecideReviewDto,
  ): Promise<ReviewResponse> {
    return toReviewResponse(await this.decide.byId(actor, id, body.decision, body.reason));
  }
}
