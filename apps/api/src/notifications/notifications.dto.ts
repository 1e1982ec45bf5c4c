import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import {
  DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
  type NotificationView,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookEventType,
} from '@carryover/notifications';

export class CreateWebhookEndpointDto {
  @ApiProperty({
    example: 'https://hooks.acme.example/carryover',
    maxLength: 2048,
    description: 'http(s); in production a public host (no loopback or private address)',
  })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, example: ['trade.funded', 'trade.settled'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length * 2)
  @IsIn(WEBHOOK_EVENT_TYPES, {
    each: true,
    message: `each of events must be one of: ${WEBHOOK_EVENT_TYPES.join(', ')}`,
  })
  events!: WebhookEventType[];
}

export class WebhookEndpointResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) events!: string[];
  @ApiProperty({ enum: ['active', 'disabled'], description: 'disabled after repeated failed deliveries' })
  status!: string;
  @ApiProperty({ description: 'deliveries in a row that failed after every retry' })
  consecutiveFailures!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) disabledAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) disabledReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CreatedWebhookEndpointResponse extends WebhookEndpointResponse {
  @ApiProperty({
    description: 'signing secret for the Carryover-Signature header; shown this once and never again',
    example: 'whsec_...',
  })
  secret!: string;
}

export class WebhookEndpointPageResponse {
  @ApiProperty({ type: [WebhookEndpointResponse] }) data!: WebhookEndpointResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class DeliveryAttemptResponse {
  @ApiProperty({ description: '1 for the first attempt' }) attempt!: number;
  @ApiProperty({ enum: ['succeeded', 'failed'] }) outcome!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'HTTP status; null when no response came' })
  responseStatus!: number | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ format: 'date-time' }) attemptedAt!: string;
}

export class WebhookDeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'the event id, sent as `id` in the body' }) eventId!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES }) event!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: string;
  @ApiProperty({ description: 'attempts made so far' }) attempts!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'HTTP status of the last attempt' })
  responseStatus!: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastAttemptAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'while retrying' })
  nextAttemptAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ type: [DeliveryAttemptResponse] }) attemptLog!: DeliveryAttemptResponse[];
}

export class WebhookDeliveryPageResponse {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) data!: WebhookDeliveryResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class NotificationSubjectResponse {
  @ApiProperty({ enum: ['trade', 'credit_lot', 'listing', 'order'] }) type!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, description: 'the event it tells about' }) kind!: string;
  @ApiProperty({ example: 'Payment received: $7,200.00 held in escrow' }) title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '/trades/0b6c...',
    description: 'path in the web app',
  })
  link!: string | null;
  @ApiPropertyOptional({ type: NotificationSubjectResponse, nullable: true })
  subject!: NotificationSubjectResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'when the caller read it' })
  readAt!: string | null;
}

export class NotificationPageResponse {
  @ApiProperty({ type: [NotificationResponse] }) data!: NotificationResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiProperty({ description: 'notifications of the organisation the caller has not read' })
  unreadCount!: number;
}

export class ReadAllNotificationsResponse {
  @ApiProperty({ description: 'how many were unread and are now read' }) marked!: number;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toWebhookEndpointResponse(view: WebhookEndpointView): WebhookEndpointResponse {
  return {
    id: view.id,
    url: view.url,
    events: view.events,
    status: view.status,
    consecutiveFailures: view.consecutiveFailures,
    disabledAt: iso(view.disabledAt),
    disabledReason: view.disabledReason,
    createdAt: view.createdAt.toISOString(),
  };
}

export function toWebhookDeliveryResponse(view: WebhookDeliveryView): WebhookDeliveryResponse {
  return {
    ...view,
    createdAt: view.createdAt.toISOString(),
    lastAttemptAt: iso(view.lastAttemptAt),
    nextAttemptAt: iso(view.nextAttemptAt),
    completedAt: iso(view.completedAt),
    attemptLog: view.attemptLog.map((attempt) => ({
      ...attempt,
      attemptedAt: attempt.attemptedAt.toISOString(),
    })),
  };
}

export function toNotificationResponse(view: NotificationView): NotificationResponse {
  return { ...view, createdAt: view.createdAt.toISOString(), readAt: iso(view.readAt) };
}
