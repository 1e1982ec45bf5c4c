import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AUDIT_ACTOR_TYPES, type AuditEvent } from '@carryover/audit';
import { PageQueryDto } from '../http/page-query.dto';

export class AuditEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'only events about this entity' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string;
}

export class AuditEventResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'position in the chain' }) seq!: string;
  @ApiProperty({ enum: AUDIT_ACTOR_TYPES }) actorType!: string;
  @ApiProperty({ nullable: true, type: String }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorOrganizationId!: string | null;
  @ApiProperty({ example: 'identity.api_key_revoked' }) action!: string;
  @ApiProperty({ example: 'api_key' }) entity!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ nullable: true, type: String, description: 'hash of the previous event' }) prevHash!:
    string | null;
  @ApiProperty({ description: 'sha-256 over this event and prevHash' }) hash!: string;
}

export class AuditEventPageResponse {
  @ApiProperty({ type: [AuditEventResponse] }) data!: AuditEventResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toAuditEventResponse(event: AuditEvent): AuditEventResponse {
  return { ...event, seq: event.seq.toString(), at: event.at.toISOString() };
}
