import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, toPage, type Page } from '@carryover/shared';
import type { NotificationView } from '../domain/views';

export interface NewNotification {
  organizationId: string;
  eventId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  subject: { type: string; id: string } | null;
}

interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  subject_type: string | null;
  subject_id: string | null;
  created_at: Date;
  read_at: Date | null;
}

const COLUMNS = `n.id, n.kind, n.title, n.body, n.link, n.subject_type, n.subject_id, n.created_at, r.read_at`;

/**
 * In-app notifications belong to an organisation; whether one is read is per reader (a user or an API key),
 * so one colleague reading it does not hide it from the others. Every read names the organisation.
 */
@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first, keyset-paginated on (createdAt, id), with this reader's read time. */
  async page(
    organizationId: string,
    readerId: string,
    request: { limit: number; cursor?: string },
  ): Promise<Page<NotificationView>> {
    const position = request.cursor ? decodeCursor(request.cursor) : null;
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS}
         FROM notifications n
         LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.reader_id = $2
        WHERE n.organization_id = $1 AND ($3::timestamptz IS NULL OR (n.created_at, n.id) < ($3, $4::uuid))
        ORDER BY n.created_at DESC, n.id DESC
        LIMIT $5`,
      [organizationId, readerId, position?.at ?? null, position?.id ?? null, request.limit + 1],
    );
    const page = toPage(rows, request.limit, (row) => ({ at: row.created_at, id: row.id }));
    return { data: page.data.map(toNotificationView), nextCursor: page.nextCursor };
  }

  async unreadCount(organizationId: string, readerId: string): Promise<number> {
    const [row]: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM notifications n
        WHERE n.organization_id = $1
          AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.reader_id = $2)`,
      [organizationId, readerId],
    );
    return row?.count ?? 0;
  }

  /** Marks one of the organisation's notifications read (keeping the first read time); null if not theirs. */
  async markRead(
    organizationId: string,
    readerId: string,
    id: string,
    at: Date,
  ): Promise<NotificationView | null> {
    const rows: NotificationRow[] = await this.dataSource.query(
      `WITH target AS (SELECT id FROM notifications WHERE id = $1 AND organization_id = $2),
            marked AS (INSERT INTO notification_reads (notification_id, reader_id, read_at)
                       SELECT id, $3, $4 FROM target
                       ON CONFLICT (notification_id, reader_id) DO NOTHING
                       RETURNING notification_id, read_at)
       SELECT ${COLUMNS.replace('r.read_at', 'COALESCE(r.read_at, m.read_at) AS read_at')}
         FROM notifications n
         LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.reader_id = $3
         LEFT JOIN marked m ON m.notification_id = n.id
        WHERE n.id IN (SELECT id FROM target)`,
      [id, organizationId, readerId, at],
    );
    return rows[0] ? toNotificationView(rows[0]) : null;
  }

  /** Marks every unread notification of the organisation read for this reader; returns how many. */
  async markAllRead(organizationId: string, readerId: string, at: Date): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO notification_reads (notification_id, reader_id, read_at)
       SELECT n.id, $2, $3 FROM notifications n WHERE n.organization_id = $1
       ON CONFLICT (notification_id, reader_id) DO NOTHING
       RETURNING notification_id`,
      [organizationId, readerId, at],
    );
    return rows.length;
  }
}

function toNotificationView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    subject: row.subject_type && row.subject_id ? { type: row.subject_type, id: row.subject_id } : null,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}
