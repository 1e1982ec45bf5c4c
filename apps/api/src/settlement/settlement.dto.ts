import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { TRADE_STATUSES, type TradeStatus } from '@carryover/market';
import {
  DISPUTE_OUTCOMES,
  DISPUTE_STATUSES,
  type DisputeOutcome,
  type DisputeStatus,
  TRADE_LIST_ORDERS,
  type TradeListOrder,
} from '@carryover/settlement';
import { PageQueryDto } from '../http/page-query.dto';

const NOT_BLANK = /\S/;

export class SubmitTransferDto {
  @ApiProperty({
    example: 'ANT-XFER-20261123-0042',
    description: 'the provider’s reference for the credit transfer (1..200 characters)',
  })
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'reference must not be blank' })
  reference!: string;

  @ApiPropertyOptional({ example: 'Moved to the buyer’s organisation in the console', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class OpenDisputeDto {
  @ApiProperty({ example: 'The credits never arrived in our account', description: '1..2000 characters' })
  @IsString()
  @Length(1, 2000)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}

export class VerificationDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  @ApiProperty({ description: 'why; on the trade’s timeline and in the audit log' })
  @IsString()
  @Length(1, 2000)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}

export class ProviderApprovalDto {
  @ApiProperty({ enum: ['approved', 'denied'] })
  @IsIn(['approved', 'denied'])
  decision!: 'approved' | 'denied';

  @ApiProperty({ example: 'OPENAI-RESALE-7731', description: 'the provider’s reference for its answer' })
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'reference must not be blank' })
  reference!: string;
}

export class DisputeResolutionDto {
  @ApiProperty({ enum: DISPUTE_OUTCOMES })
  @IsIn(DISPUTE_OUTCOMES)
  outcome!: DisputeOutcome;

  @ApiPropertyOptional({
    example: 20_000,
    description: 'partial_refund only: minor units back to the buyer, 0 < refundMinor < grossMinor',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  refundMinor?: number;

  @ApiProperty({ description: 'why; kept with the dispute and in the audit log' })
  @IsString()
  @Length(1, 2000)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}

export class AdminTradesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TRADE_STATUSES }) @IsOptional() @IsIn(TRADE_STATUSES) status?: TradeStatus;

  @ApiPropertyOptional({ description: 'true: only trades flagged for attention; false: only unflagged ones' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  flagged?: boolean;

  @ApiPropertyOptional({
    enum: TRADE_LIST_ORDERS,
    default: 'newest',
    description: 'oldest: by trade time ascending, as a queue is worked',
  })
  @IsOptional()
  @IsIn(TRADE_LIST_ORDERS)
  order?: TradeListOrder;
}

export class DisputesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DISPUTE_STATUSES })
  @IsOptional()
  @IsIn(DISPUTE_STATUSES)
  status?: DisputeStatus;
}
