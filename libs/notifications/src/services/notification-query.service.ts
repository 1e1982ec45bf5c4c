import { Injectable } from '@nestjs/common';
import { OrganizationScope, type Actor, type PageRequest } from '@carryover/identity';
import type { Page } from '@carryover/shared';
import { readerOf } from '../domain/reader-of';
import type { NotificationView } from '../domain/views';
import { NotificationRepository } from '../repositories/notification.repository';

/** The caller's organisation's notifications, with the caller's own read state. */
@Injectable()
export class NotificationQueryService {
  constructor(private readonly notifications: NotificationRepository) {}

  async list(actor: Actor, request: PageRequest): Promise<Page<NotificationView> & { unreadCount: number }> {
    const scope = OrganizationScope.of(actor);
    const reader = readerOf(actor);
    const [page, unreadCount] = await Promise.all([
      this.notifications.page(scope.organizationId, reader, request),
      this.notifications.unreadCount(scope.organizationId, reader),
    ]);
    return { ...page, unreadCount };
  }
}
