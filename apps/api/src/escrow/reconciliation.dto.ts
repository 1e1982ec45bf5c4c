import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  DIFFERENCE_KINDS,
  type ReconciliationDifference,
  type ReconciliationSummary,
} from '@carryover/escrow';
import { minorToSafeNumber as n } from '@carryover/shared';
import { PageQueryDto } from '../http/page-query.dto';

const STATUSES = ['open', 'resolved', 'all'] as const;

export class ReconciliationDifferencesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'only this trade’s differences' })
  @IsOptional()
  @IsUUID()
  tradeId?: string;
}

export class ReconciliationRunDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'reconcile only this trade (default: every trade with recent escrow activity)',
  })
  @IsOptional()
  @IsUUID()
  tradeId?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 3650,
    default: 30,
    description: 'trades with escrow activity in this many days',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  lookbackDays?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 86_400,
    default: 120,
    description: 'skip trades touched in the last this many seconds (a step may be in flight)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86_400)
  quietSeconds?: number;
}

export class ReconciliationDifferenceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tradeId!: string;
  @ApiProperty({
    enum: DIFFERENCE_KINDS,
    description: 'payment: paid in; refund: refunded to the buyer; payout: transferred to the seller',
  })
  kind!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ description: 'what the ledger holds' }) ledgerAmountMinor!: number;
  @ApiProperty({ description: 'what the payment provider’s objects add up to' }) providerAmountMinor!: number;
  @ApiProperty({ description: 'providerAmountMinor - ledgerAmountMinor' }) differenceMinor!: number;
  @ApiProperty({ format: 'date-time' }) detectedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'the latest run that compared this trade' })
  lastSeenAt!: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'when a run found them equal again',
  })
  resolvedAt!: string | null;
}

export class ReconciliationDifferencePageResponse {
  @ApiProperty({ type: [ReconciliationDifferenceResponse] }) data!: ReconciliationDifferenceResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ReconciliationSummaryResponse {
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time' }) finishedAt!: string;
  @ApiProperty() tradesChecked!: number;
  @ApiProperty({ description: 'trades the provider could not be asked about; the next run tries again' })
  tradesFailed!: number;
  @ApiProperty() differencesOpened!: number;
  @ApiProperty() differencesResolved!: number;
  @ApiProperty({ description: 'open differences over all trades after the run' }) openDifferences!: number;
}

export function toDifferenceResponse(d: ReconciliationDifference): ReconciliationDifferenceResponse {
  return {
    id: d.id,
    tradeId: d.tradeId,
    kind: d.kind,
    currency: d.currency,
    ledgerAmountMinor: n(d.ledgerAmountMinor),
    providerAmountMinor: n(d.providerAmountMinor),
    differenceMinor: n(d.providerAmountMinor - d.ledgerAmountMinor),
    detectedAt: d.detectedAt.toISOString(),
    lastSeenAt: d.lastSeenAt.toISOString(),
    resolvedAt: d.resolvedAt?.toISOString() ?? null,
  };
}

export function toSummaryResponse(s: ReconciliationSummary): ReconciliationSummaryResponse {
  return { ...s, startedAt: s.startedAt.toISOString(), finishedAt: s.finishedAt.toISOString() };
}
