import { Injectable } from '@nestjs/common';
import { OrganizationScope, type Actor } from '@carryover/identity';
import { Clock } from '@carryover/shared';
import { NotificationRepository } from '../repositories/notification.repository';
import { readerOf } from '../domain/reader-of';

/** Marks every notification of the caller's organisation read for the caller; returns how many were unread. */
@Injectable()
export class MarkAllNotificationsReadUseCase {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
  ) {}

  execute(actor: Actor): Promise<number> {
    const scope = OrganizationScope.of(actor);
    return this.notifications.markAllRead(scope.organizationId, readerOf(actor), this.clock.now());
  }
}
