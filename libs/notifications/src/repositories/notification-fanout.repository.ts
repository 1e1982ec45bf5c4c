import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NewNotification } from './notification.repository';

/** An e-mail to one organisation's members about the event. */
export interface FanoutEmail {
  organizationId: string;
  kind: string;
  recipients: string[];
  subject: string;
  textBody: string;
  /** Set: written skipped with this reason (e-mail is switched off); unset: pending, sent by its job. */
  skippedReason: string | null;
}

/** Everything one event fans out to, written at once. */
export interface Fanout {
  eventId: string;
  eventType: string;
  notifications: ReadonlyArray<Omit<NewNotification, 'eventId'>>;
  emails: readonly FanoutEmail[];
  /** The webhook body per organisation: each of its endpoints subscribed to the event gets a delivery. */
  webhookBodies: ReadonlyMap<string, string>;
}

export interface FanoutWritten {
  /** Pending e-mails this call wrote. */
  pendingEmailIds: string[];
  /** Deliveries this call wrote. */
  deliveryIds: string[];
  /** Whether every e-mail and delivery of the event is this call's: none was written by an earlier run. */
  allNew: boolean;
}

/**
 * Writes an event's in-app notifications, e-mails and webhook deliveries in one statement (so atomically,
 * without a transaction of its own). Each is unique per (event, organisation) or (endpoint, event), so a
 * second write of the same event adds nothing.
 */
@Injectable()
export class NotificationFanoutRepository {
  constructor(private readonly dataSource: DataSource) {}

  async write(fanout: Fanout): Promise<FanoutWritten> {
    const { notifications: n, emails: m } = fanout;
    const bodies = [...fanout.webhookBodies];
    const [row] = (await this.dataSource.query(
      `WITH notified AS (
         INSERT INTO notifications (organization_id, event_id, kind, title, body, link, subject_type, subject_id)
         SELECT n.organization_id, $1, n.kind, n.title, n.body, n.link, n.subject_type, n.subject_id
           FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[])
                AS n (organization_id, kind, title, body, link, subject_type, subject_id)
         ON CONFLICT (event_id, organization_id) DO NOTHING),
       mailed AS (
         INSERT INTO notification_emails
                (organization_id, event_id, kind, recipients, subject, text_body, status, last_error)
         SELECT m.organization_id, $1, m.kind, ARRAY(SELECT jsonb_array_elements_text(m.recipients)),
                m.subject, m.text_body, CASE WHEN m.skipped IS NULL THEN 'pending' ELSE 'skipped' END, m.skipped
           FROM unnest($10::uuid[], $11::text[], $12::jsonb[], $13::text[], $14::text[], $15::text[])
                AS m (organization_id, kind, recipients, subject, text_body, skipped)
         ON CONFLICT (event_id, organization_id) DO NOTHING
         RETURNING id, status),
       subscribed AS (
         SELECT e.id, e.organization_id, b.body, e.created_at
           FROM webhook_endpoints e
           JOIN unnest($16::uuid[], $17::text[]) AS b (organization_id, body) USING (organization_id)
          WHERE $2 = ANY(e.events) AND e.deleted_at IS NULL AND e.disabled_at IS NULL),
       delivered AS (
         INSERT INTO webhook_deliveries (endpoint_id, organization_id, event_id, event_type, body)
         SELECT s.id, s.organization_id, $1, $2, s.body FROM subscribed s ORDER BY s.created_at, s.id
         ON CONFLICT (endpoint_id, event_id) DO NOTHING
         RETURNING id)
       SELECT (SELECT count(*) FROM mailed)::int AS emails_written,
              ARRAY(SELECT id FROM mailed WHERE status = 'pending') AS pending_email_ids,
              (SELECT count(*) FROM subscribed)::int AS subscribed,
              ARRAY(SELECT id FROM delivered) AS delivery_ids`,
      [
        fanout.eventId,
        fanout.eventType,
        n.map((x) => x.organizationId),
        n.map((x) => x.kind),
        n.map((x) => x.title),
        n.map((x) => x.body),
        n.map((x) => x.link),
        n.map((x) => x.subject?.type ?? null),
        n.map((x) => x.subject?.id ?? null),
        m.map((x) => x.organizationId),
        m.map((x) => x.kind),
        m.map((x) => JSON.stringify(x.recipients)),
        m.map((x) => x.subject),
        m.map((x) => x.textBody),
        m.map((x) => x.skippedReason),
        bodies.map(([organizationId]) => organizationId),
        bodies.map(([, body]) => body),
      ],
    )) as Array<{
      emails_written: number;
      pending_email_ids: string[];
      subscribed: number;
      delivery_ids: string[];
    }>;
    return {
      pendingEmailIds: row.pending_email_ids,
      deliveryIds: row.delivery_ids,
      allNew: row.emails_written === m.length && row.delivery_ids.length === row.subscribed,
    };
  }
}
