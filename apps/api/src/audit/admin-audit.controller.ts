import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditService } from '@carryover/audit';
import { Roles } from '../auth/auth.decorators';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { AuditEventPageResponse, AuditEventsQueryDto, toAuditEventResponse } from './audit-events.dto';

@ApiTags('operator')
@ApiBearerAuth()
@Roles('operator')
@Controller('v1/admin/audit-events')
export class AdminAuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ type: AuditEventPageResponse, description: 'newest first, with hash and prevHash' })
  @ProblemResponses(400, 401, 403)
  async list(@Query() query: AuditEventsQueryDto): Promise<AuditEventPageResponse> {
    const page = await this.audit.list(query);
    return { data: page.data.map(toAuditEventResponse), nextCursor: page.nextCursor };
  }
}
