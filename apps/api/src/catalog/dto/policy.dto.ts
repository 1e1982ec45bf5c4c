import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CREDIT_SOURCES,
  RESALE_POLICIES,
  TRANSFER_METHODS,
  type CreditSource,
  type PolicyTerms,
  type ResalePolicy,
  type TransferMethod,
} from '@carryover/catalog';

export class BuyerEligibilityDto {
  @ApiProperty({ description: 'credits may move only to the same legal entity as the seller' })
  @IsBoolean()
  sameLegalEntityOnly!: boolean;

  @ApiProperty({
    type: [String],
    nullable: true,
    example: ['US', 'GB'],
    description: 'allowed buyer countries; null = any',
  })
  @ValidateIf((_, value) => value !== null)
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(250)
  @IsISO31661Alpha2({ each: true })
  regions!: string[] | null;
}

export class PolicyDto {
  @ApiProperty({ enum: RESALE_POLICIES })
  @IsIn(RESALE_POLICIES)
  resale!: ResalePolicy;

  @ApiProperty({ enum: TRANSFER_METHODS, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(TRANSFER_METHODS, { each: true })
  transferMethods!: TransferMethod[];

  @ApiProperty({ minimum: 0, maximum: 365, description: 'days before expiry after which a lot cannot trade' })
  @IsInt()
  @Min(0)
  @Max(365)
  minDaysToExpiry!: number;

  @ApiProperty({ enum: CREDIT_SOURCES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(CREDIT_SOURCES, { each: true })
  resaleableSources!: CreditSource[];

  @ApiProperty({ type: BuyerEligibilityDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => BuyerEligibilityDto)
  buyerEligibility!: BuyerEligibilityDto;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'largest lot (face value, minor units) that passes without review',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  maxLotFaceValueMinor?: number | null;

  @ApiProperty({ description: 'what the terms say and what an operator confirmed' })
  @IsString()
  @Length(1, 4000)
  notes!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(2000)
  sourceUrl?: string | null;

  @ApiPropertyOptional({ description: 'why the policy changed; kept in the audit log' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export function toPolicyTerms(dto: PolicyDto): PolicyTerms {
  return {
    resale: dto.resale,
    transferMethods: dto.transferMethods,
    minDaysToExpiry: dto.minDaysToExpiry,
    resaleableSources: dto.resaleableSources,
    buyerEligibility: {
      sameLegalEntityOnly: dto.buyerEligibility.sameLegalEntityOnly,
      regions: dto.buyerEligibility.regions,
    },
    maxLotFaceValueMinor:
      dto.maxLotFaceValueMinor === undefined || dto.maxLotFaceValueMinor === null
        ? null
        : BigInt(dto.maxLotFaceValueMinor),
    notes: dto.notes,
    sourceUrl: dto.sourceUrl ?? null,
  };
}
