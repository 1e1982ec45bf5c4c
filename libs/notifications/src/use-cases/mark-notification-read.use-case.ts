import { Injectable } from '@nestjs/common';
import { OrganizationScope, type Actor } from '@carryover/identity';
import { Clock, NotFoundError } from '@carryover/shared';
import type { NotificationView } from '../domain/views';
import { NotificationRepository } from '../repositories/notification.repository';
import { readerOf } from '../domain/reader-of';

/** Marks one of the organisation's notifications read for the caller; reading it again changes nothing. */
@Injectable()
export class MarkNotificationReadUseCase {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, id: string): Promise<NotificationView> {
    const scope = OrganizationScope.of(actor);
    const read = await this.notifications.markRead(
      scope.organizationId,
      readerOf(actor),
      id,
      this.clock.now(),
    );
    if (!read) throw new NotFoundError('Notification', id);
    return read;
  }
}
