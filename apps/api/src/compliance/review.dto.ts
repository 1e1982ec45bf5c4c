import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import {
  REVIEW_STATUSES,
  REVIEW_SUBJECT_TYPES,
  type ReviewItem,
  type ReviewStatus,
} from '@carryover/compliance';
import { PageQueryDto } from '../http/page-query.dto';

export class ReviewsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES })
  @IsOptional()
  @IsIn(REVIEW_STATUSES)
  status?: ReviewStatus;
}

export class DecideReviewDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  @ApiProperty({ description: 'why; kept in the audit log' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class ComplianceCheckResponse {
  @ApiProperty({ example: 'lot_not_verified' }) rule!: string;
  @ApiProperty({ enum: ['pass', 'review', 'block'] }) outcome!: string;
  @ApiProperty() detail!: string;
}

export class ReviewResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: REVIEW_SUBJECT_TYPES }) subjectType!: string;
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ enum: REVIEW_STATUSES }) status!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: [ComplianceCheckResponse] }) checks!: ComplianceCheckResponse[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) complianceResultId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedByUserId!: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason!: string | null;
}

export class ReviewPageResponse {
  @ApiProperty({ type: [ReviewResponse] }) data!: ReviewResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toReviewResponse(item: ReviewItem): ReviewResponse {
  return {
    id: item.id,
    subjectType: item.subjectType,
    subjectId: item.subjectId,
    organizationId: item.organizationId,
    status: item.status,
    summary: item.summary,
    checks: item.checks,
    complianceResultId: item.complianceResultId,
    createdAt: item.createdAt.toISOString(),
    decidedAt: item.decidedAt ? item.decidedAt.toISOString() : null,
    decidedByUserId: item.decidedByUserId,
    decisionReason: item.decisionReason,
  };
}
