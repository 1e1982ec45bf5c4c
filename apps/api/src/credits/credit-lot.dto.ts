import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CREDIT_SOURCES, TRANSFER_METHODS, type CreditSource, type TransferMethod } from '@carryover/catalog';
import type { RegisterCreditLotCommand } from '@carryover/credits';

export class EvidenceDto {
  @ApiProperty({
    example: 'INV-2026-0042',
    description: 'the provider statement or invoice that shows the balance',
  })
  @IsString()
  @Length(1, 200)
  statementReference!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CreateCreditLotDto {
  @ApiProperty({ example: 'anthropic' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,39}$/, {
    message: 'providerCode must be a provider code such as "anthropic"',
  })
  providerCode!: string;

  @ApiProperty({
    example: 'org-7Qx2…',
    description: 'the seller’s account or organisation id at the provider',
  })
  @IsString()
  @Length(1, 200)
  accountReference!: string;

  @ApiProperty({ example: 1_000_000, description: 'face value in minor units ($10,000.00 = 1000000)' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  faceValueMinor!: number;

  @ApiProperty({ example: 'USD' })
  @IsISO4217CurrencyCode()
  currency!: string;

  @ApiProperty({ format: 'date-time', example: '2027-03-31T23:59:59Z' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'expiresAt must include a time zone (e.g. Z)' })
  expiresAt!: string;

  @ApiProperty({ enum: CREDIT_SOURCES })
  @IsIn(CREDIT_SOURCES)
  source!: CreditSource;

  @ApiProperty({ enum: TRANSFER_METHODS, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(TRANSFER_METHODS, { each: true })
  transferMethods!: TransferMethod[];

  @ApiProperty({ type: EvidenceDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => EvidenceDto)
  evidence!: EvidenceDto;
}

export function toRegisterCommand(dto: CreateCreditLotDto): RegisterCreditLotCommand {
  return {
    providerCode: dto.providerCode,
    accountReference: dto.accountReference,
    faceValueMinor: BigInt(dto.faceValueMinor),
    currency: dto.currency,
    expiresAt: new Date(dto.expiresAt),
    source: dto.source,
    transferMethods: dto.transferMethods,
    evidence: dto.evidence,
  };
}

export class LotVerificationDto {
  @ApiProperty({ enum: ['verify', 'reject'] })
  @IsIn(['verify', 'reject'])
  decision!: 'verify' | 'reject';

  @ApiProperty({ description: 'what was checked; kept in the audit log' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
