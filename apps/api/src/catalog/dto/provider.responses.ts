import { ApiProperty } from '@nestjs/swagger';
import { minorToSafeNumber } from '@carryover/shared';
import {
  CREDIT_SOURCES,
  RESALE_POLICIES,
  TRANSFER_METHODS,
  type Provider,
  type ProviderPolicy,
} from '@carryover/catalog';
import { BuyerEligibilityDto } from './policy.dto';

export class PolicyResponse {
  @ApiProperty() version!: number;
  @ApiProperty({ enum: RESALE_POLICIES }) resale!: string;
  @ApiProperty({ enum: TRANSFER_METHODS, isArray: true }) transferMethods!: string[];
  @ApiProperty() minDaysToExpiry!: number;
  @ApiProperty({ enum: CREDIT_SOURCES, isArray: true }) resaleableSources!: string[];
  @ApiProperty({ type: BuyerEligibilityDto }) buyerEligibility!: BuyerEligibilityDto;
  @ApiProperty({ type: Number, nullable: true }) maxLotFaceValueMinor!: number | null;
  @ApiProperty() notes!: string;
  @ApiProperty({ type: String, nullable: true }) sourceUrl!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ProviderResponse {
  @ApiProperty({ example: 'anthropic' }) code!: string;
  @ApiProperty({ example: 'Anthropic' }) name!: string;
  @ApiProperty({ type: [String], example: ['USD'] }) currencies!: string[];
  @ApiProperty({ type: PolicyResponse }) policy!: PolicyResponse;
}

export function toPolicyResponse(policy: ProviderPolicy): PolicyResponse {
  return {
    version: policy.version,
    resale: policy.resale,
    transferMethods: policy.transferMethods,
    minDaysToExpiry: policy.minDaysToExpiry,
    resaleableSources: policy.resaleableSources,
    buyerEligibility: policy.buyerEligibility,
    maxLotFaceValueMinor:
      policy.maxLotFaceValueMinor === null ? null : minorToSafeNumber(policy.maxLotFaceValueMinor),
    notes: policy.notes,
    sourceUrl: policy.sourceUrl,
    createdAt: policy.createdAt.toISOString(),
  };
}

export function toProviderResponse(provider: Provider): ProviderResponse {
  return {
    code: provider.code,
    name: provider.name,
    currencies: provider.currencies,
    policy: toPolicyResponse(provider.policy),
  };
}
