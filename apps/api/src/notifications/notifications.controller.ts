import { Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@carryover/identity';
import {
  MarkAllNotificationsReadUseCase,
  MarkNotificationReadUseCase,
  NotificationQueryService,
} from '@carryover/notifications';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { PageQueryDto } from '../http/page-query.dto';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { UuidParam } from '../http/uuid-param';
import {
  NotificationPageResponse,
  NotificationResponse,
  ReadAllNotificationsResponse,
  toNotificationResponse,
} from './notifications.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Roles('viewer')
@Controller('v1/notifications')
export class NotificationsController {
  constructor(
    private readonly query: NotificationQueryService,
    private readonly markRead: MarkNotificationReadUseCase,
    private readonly markAllRead: MarkAllNotificationsReadUseCase,
  ) {}

  @Get()
  @ApiOkResponse({
    type: NotificationPageResponse,
    description: 'the organisation’s notifications, newest first, read state per caller',
  })
  @ProblemResponses(400, 401, 403)
  async list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<NotificationPageResponse> {
    const page = await this.query.list(actor, query);
    return {
      data: page.data.map(toNotificationResponse),
      nextCursor: page.nextCursor,
      unreadCount: page.unreadCount,
    };
  }

  // Declared before :id/read so "read-all" is never taken for an id.
  @Post('read-all')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ReadAllNotificationsResponse })
  @ProblemResponses(401, 403)
  async readAll(@CurrentActor() actor: Actor): Promise<ReadAllNotificationsResponse> {
    return { marked: await this.markAllRead.execute(actor) };
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: NotificationResponse, description: 'read again: the first read time is kept' })
  @ProblemResponses(400, 401, 403, 404)
  async read(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<NotificationResponse> {
    return toNotificationResponse(await this.markRead.execute(actor, id));
  }
}
