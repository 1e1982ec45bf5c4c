import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { auditActorOf, type Actor } from '@carryover/identity';
import { QUEUE_NAMES, QueueAdmin, RetryFailedJobUseCase, type FailedJob } from '@carryover/jobs';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { PageQueryDto } from '../http/page-query.dto';
import { ProblemResponses } from '../http/problem-responses.decorator';

class QueueCountsResponse {
  @ApiProperty({ enum: QUEUE_NAMES }) queue!: string;
  @ApiProperty() waiting!: number;
  @ApiProperty() active!: number;
  @ApiProperty() delayed!: number;
  @ApiProperty({ description: 'finished jobs Redis still keeps (removeOnComplete bounds it)' })
  completed!: number;
  @ApiProperty() failed!: number;
}

class FailedJobResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: QUEUE_NAMES }) queue!: string;
  @ApiProperty({ example: 'maintenance.expire-market' }) name!: string;
  @ApiProperty({ description: 'the job payload' }) data!: unknown;
  @ApiProperty() failedReason!: string;
  @ApiProperty() attemptsMade!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) processedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) failedAt!: string | null;
}

class FailedJobPageResponse {
  @ApiProperty({ type: [FailedJobResponse] }) data!: FailedJobResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

function toFailedJobResponse(job: FailedJob): FailedJobResponse {
  return {
    ...job,
    createdAt: job.createdAt.toISOString(),
    processedAt: iso(job.processedAt),
    failedAt: iso(job.failedAt),
  };
}

@ApiTags('operator')
@ApiBearerAuth()
@Roles('operator')
@Controller('v1/admin/queues')
export class AdminQueuesController {
  constructor(
    private readonly queues: QueueAdmin,
    private readonly retryJob: RetryFailedJobUseCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: [QueueCountsResponse], description: 'job counts of every queue' })
  @ProblemResponses(401, 403)
  counts(): Promise<QueueCountsResponse[]> {
    return this.queues.counts();
  }

  @Get(':name/failed')
  @ApiParam({ name: 'name', enum: QUEUE_NAMES })
  @ApiOkResponse({ type: FailedJobPageResponse, description: 'most recently failed first' })
  @ProblemResponses(400, 401, 403, 404)
  async failed(@Param('name') name: string, @Query() query: PageQueryDto): Promise<FailedJobPageResponse> {
    const page = await this.queues.failed(name, query);
    return { data: page.data.map(toFailedJobResponse), nextCursor: page.nextCursor };
  }

  @Post(':name/jobs/:id/retry')
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'name', enum: QUEUE_NAMES })
  @ApiOkResponse({
    type: FailedJobResponse,
    description: 'the job as it failed; it is back in waiting with its attempts reset (audited)',
  })
  @ProblemResponses(401, 403, 404, 409)
  async retry(
    @CurrentActor() actor: Actor,
    @Param('name') name: string,
    @Param('id') id: string,
  ): Promise<FailedJobResponse> {
    return toFailedJobResponse(await this.retryJob.execute(auditActorOf(actor), name, id));
  }
}
