import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { TRANSFER_METHODS, type TransferMethod } from '@carryover/catalog';
import { LISTING_STATUSES, TRADE_STATUSES, type ListingStatus, type TradeStatus } from '@carryover/market';
import { PageQueryDto } from '../http/page-query.dto';

const MAX_MINOR = Number.MAX_SAFE_INTEGER;
const PROVIDER_CODE = /^[a-z0-9][a-z0-9-]{1,39}$/;

/** Fails when `other` is present too: for fields of which a body may carry only one. */
function AbsentWith(other: string, message: string): PropertyDecorator {
  return ValidateBy({
    name: 'absentWith',
    validator: {
      validate: (_value, args) => (args?.object as Record<string, unknown>)[other] === undefined,
      defaultMessage: () => message,
    },
  });
}

export class PriceTierDto {
  @ApiProperty({ example: 90 }) @IsInt() @Min(0) @Max(3650) minDaysToExpiry!: number;
  @ApiProperty({ example: 7200 }) @IsInt() @Min(1) @Max(10_000) priceBps!: number;
}

export class CreateListingDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() creditLotId!: string;

  @ApiProperty({ example: 500_000 }) @IsInt() @Min(1) @Max(MAX_MINOR) quantityMinor!: number;

  @ApiPropertyOptional({ example: 7200, description: 'fixed price; exactly one of priceBps / priceSchedule' })
  @ValidateIf((dto: CreateListingDto) => dto.priceSchedule === undefined || dto.priceBps !== undefined)
  @IsInt({ message: 'exactly one of priceBps and priceSchedule is required; priceBps must be an integer' })
  @Min(1)
  @Max(10_000)
  priceBps?: number;

  @ApiPropertyOptional({
    type: [PriceTierDto],
    description: 'price by days left: the highest tier whose minDaysToExpiry <= days left applies',
  })
  @ValidateIf((dto: CreateListingDto) => dto.priceSchedule !== undefined)
  @AbsentWith('priceBps', 'exactly one of priceBps and priceSchedule is allowed, not both')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PriceTierDto)
  priceSchedule?: PriceTierDto[];

  @ApiPropertyOptional({ example: 100_000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_MINOR)
  minFillMinor?: number;
}

export class PlaceOrderDto {
  @ApiProperty({ example: 'anthropic' })
  @IsString()
  @Matches(PROVIDER_CODE, { message: 'providerCode must be a provider code' })
  providerCode!: string;
  @ApiProperty({ example: 'USD' }) @IsISO4217CurrencyCode() currency!: string;
  @ApiProperty({ example: 500_000 }) @IsInt() @Min(1) @Max(MAX_MINOR) quantityMinor!: number;
  @ApiProperty({ example: 7500 }) @IsInt() @Min(1) @Max(10_000) maxPriceBps!: number;
  @ApiPropertyOptional({ example: 60 }) @IsOptional() @IsInt() @Min(0) @Max(3650) minDaysToExpiry?: number;

  @ApiPropertyOptional({
    enum: TRANSFER_METHODS,
    isArray: true,
    description: 'acceptable methods; omitted = any',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(TRANSFER_METHODS, { each: true })
  transferMethods?: TransferMethod[];

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(MAX_MINOR) minFillMinor?: number;
  @ApiProperty({ enum: ['GTC', 'IOC', 'FOK'] }) @IsIn(['GTC', 'IOC', 'FOK']) timeInForce!:
    'GTC' | 'IOC' | 'FOK';

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'goodTill must include a time zone (e.g. Z)' })
  goodTill?: string;
}

export class ListingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(PROVIDER_CODE) providerCode?: string;
  @ApiPropertyOptional({ enum: LISTING_STATUSES })
  @IsOptional()
  @IsIn(LISTING_STATUSES)
  status?: ListingStatus;

  @ApiPropertyOptional({ description: 'only the caller’s own listings' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  mine?: boolean;
}

export class TradesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['buy', 'sell'] }) @IsOptional() @IsIn(['buy', 'sell']) side?: 'buy' | 'sell';
  @ApiPropertyOptional({ enum: TRADE_STATUSES }) @IsOptional() @IsIn(TRADE_STATUSES) status?: TradeStatus;
}

export class BookQueryDto {
  @ApiProperty({ example: 'USD' }) @IsISO4217CurrencyCode() currency!: string;
}

export class RecentTradesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;
}
