import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, toPage, type Page } from '@carryover/shared';
import type { DeliveryAttemptView, WebhookDeliveryView } from '../domain/views';
import type { DeliveryStatus } from '../entities/webhook-delivery.entity';

/** A delivery with what an attempt needs of its endpoint. */
export interface DeliveryToAttempt {
  id: string;
  status: DeliveryStatus;
  attemptCount: number;
  body: string;
  endpointId: string;
  organizationId: string;
  url: string;
  secret: string;
  endpointDisabled: boolean;
  endpointDeleted: boolean;
}

export interface AttemptRecord {
  attemptNumber: number;
  outcome: 'succeeded' | 'failed';
  responseStatus: number | null;
  error: string | null;
  durationMs: number;
  attemptedAt: Date;
  /** After a failure with attempts left: when the next one is due; otherwise null. */
  nextAttemptAt: Date | null;
}

interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: string;
  status: DeliveryStatus;
  attempt_count: number;
  last_response_status: number | null;
  last_error: string | null;
  created_at: Date;
  last_attempt_at: Date | null;
  next_attempt_at: Date | null;
  completed_at: Date | null;
  attempt_log: Array<{
    attempt: number;
    outcome: 'succeeded' | 'failed';
    responseStatus: number | null;
    error: string | null;
    durationMs: number;
    attemptedAt: string;
  }>;
}

@Injectable()
export class WebhookDeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The event's deliveries that have not been attempted yet (their first job may still be missing). */
  async unattemptedFor(eventId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM webhook_deliveries WHERE event_id = $1 AND status = 'pending' AND attempt_count = 0
        ORDER BY created_at, id`,
      [eventId],
    );
    return rows.map((row) => row.id);
  }

  async findToAttempt(id: string, manager?: EntityManager): Promise<DeliveryToAttempt | null> {
    const rows: Array<Record<string, unknown>> = await (manager ?? this.dataSource).query(
      `SELECT d.id, d.status, d.attempt_count, d.body, d.endpoint_id, d.organization_id, e.url, e.secret,
              e.disabled_at IS NOT NULL AS endpoint_disabled, e.deleted_at IS NOT NULL AS endpoint_deleted
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.id = $1
        ${manager ? 'FOR UPDATE OF d' : ''}`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id as string,
      status: row.status as DeliveryStatus,
      attemptCount: row.attempt_count as number,
      body: row.body as string,
      endpointId: row.endpoint_id as string,
      organizationId: row.organization_id as string,
      url: row.url as string,
      secret: row.secret as string,
      endpointDisabled: row.endpoint_disabled as boolean,
      endpointDeleted: row.endpoint_deleted as boolean,
    };
  }

  /** Logs one attempt (unique per number) and moves the delivery on: succeeded, retrying or failed. */
  async recordAttempt(
    manager: EntityManager,
    deliveryId: string,
    attempt: AttemptRecord,
  ): Promise<DeliveryStatus> {
    await manager.query(
      `INSERT INTO webhook_delivery_attempts
              (delivery_id, attempt_number, outcome, response_status, error, duration_ms, attempted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        deliveryId,
        attempt.attemptNumber,
        attempt.outcome,
        attempt.responseStatus,
        attempt.error,
        attempt.durationMs,
        attempt.attemptedAt,
      ],
    );
    const status: DeliveryStatus =
      attempt.outcome === 'succeeded' ? 'succeeded' : attempt.nextAttemptAt ? 'retrying' : 'failed';
    await manager.query(
      `UPDATE webhook_deliveries
          SET status = $2, attempt_count = $3, last_response_status = $4, last_error = $5,
              last_attempt_at = $6, next_attempt_at = $7,
              completed_at = CASE WHEN $2 IN ('succeeded', 'failed') THEN $6::timestamptz END,
              updated_at = now()
        WHERE id = $1`,
      [
        deliveryId,
        status,
        attempt.attemptNumber,
        attempt.responseStatus,
        attempt.error,
        attempt.attemptedAt,
        attempt.nextAttemptAt,
      ],
    );
    return status;
  }

  /** Gives up on a delivery without attempting it (its endpoint was disabled or deleted meanwhile). */
  async abandon(manager: EntityManager, deliveryId: string, reason: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE webhook_deliveries SET status = 'failed', last_error = $2, next_attempt_at = NULL,
              completed_at = $3, updated_at = now()
        WHERE id = $1 AND status IN ('pending', 'retrying')`,
      [deliveryId, reason, at],
    );
  }

  /** An endpoint's deliveries, newest first, each with its attempts in order. */
  async pageForEndpoint(
    endpointId: string,
    request: { limit: number; cursor?: string },
  ): Promise<Page<WebhookDeliveryView>> {
    const position = request.cursor ? decodeCursor(request.cursor) : null;
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT d.id, d.event_id, d.event_type, d.status, d.attempt_count, d.last_response_status, d.last_error,
              d.created_at, d.last_attempt_at, d.next_attempt_at, d.completed_at,
              COALESCE((SELECT json_agg(json_build_object(
                          'attempt', a.attempt_number, 'outcome', a.outcome,
                          'responseStatus', a.response_status, 'error', a.error,
                          'durationMs', a.duration_ms, 'attemptedAt', a.attempted_at)
                        ORDER BY a.attempt_number)
                          FROM webhook_delivery_attempts a WHERE a.delivery_id = d.id), '[]') AS attempt_log
         FROM webhook_deliveries d
        WHERE d.endpoint_id = $1 AND ($2::timestamptz IS NULL OR (d.created_at, d.id) < ($2, $3::uuid))
        ORDER BY d.created_at DESC, d.id DESC
        LIMIT $4`,
      [endpointId, position?.at ?? null, position?.id ?? null, request.limit + 1],
    );
    const page = toPage(rows, request.limit, (row) => ({ at: row.created_at, id: row.id }));
    return { data: page.data.map(toDeliveryView), nextCursor: page.nextCursor };
  }
}

function toDeliveryView(row: DeliveryRow): WebhookDeliveryView {
  return {
    id: row.id,
    eventId: row.event_id,
    event: row.event_type,
    status: row.status,
    attempts: row.attempt_count,
    responseStatus: row.last_response_status,
    lastError: row.last_error,
    createdAt: row.created_at,
    lastAttemptAt: row.last_attempt_at,
    nextAttemptAt: row.next_attempt_at,
    completedAt: row.completed_at,
    attemptLog: row.attempt_log.map((attempt): DeliveryAttemptView => ({
      ...attempt,
      attemptedAt: new Date(attempt.attemptedAt),
    })),
  };
}
