import { ApiProperty } from '@nestjs/swagger';
import { CREDIT_SOURCES, TRANSFER_METHODS } from '@carryover/catalog';
import { LOT_STATUSES, type CreditLotWithCompliance } from '@carryover/credits';
import { minorToSafeNumber } from '@carryover/shared';
import { ComplianceResponse, toComplianceResponse } from '../compliance/compliance.response';
import { EvidenceDto } from './credit-lot.dto';

export class CreditLotResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: LOT_STATUSES }) status!: string;
  @ApiProperty() providerCode!: string;
  @ApiProperty({ description: 'policy version in force at registration' }) policyVersion!: number;
  @ApiProperty() accountReference!: string;
  @ApiProperty() faceValueMinor!: number;
  @ApiProperty({ description: 'on active listings' }) listedMinor!: number;
  @ApiProperty({ description: 'in trades' }) soldMinor!: number;
  @ApiProperty({ description: 'faceValue - listed - sold' }) availableMinor!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ format: 'date-time', description: 'expiresAt minus the policy’s minDaysToExpiry' })
  tradableUntil!: string;
  @ApiProperty({ enum: CREDIT_SOURCES }) source!: string;
  @ApiProperty({ enum: TRANSFER_METHODS, isArray: true }) transferMethods!: string[];
  @ApiProperty({ type: EvidenceDto }) evidence!: { statementReference: string; note: string | null };
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) verifiedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) verificationReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: ComplianceResponse, nullable: true }) compliance!: ComplianceResponse | null;
}

export class CreditLotPageResponse {
  @ApiProperty({ type: [CreditLotResponse] }) data!: CreditLotResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toCreditLotResponse(lot: CreditLotWithCompliance): CreditLotResponse {
  return {
    id: lot.id,
    status: lot.status,
    providerCode: lot.providerCode,
    policyVersion: lot.policyVersion,
    accountReference: lot.accountReference,
    faceValueMinor: minorToSafeNumber(lot.faceValueMinor),
    listedMinor: minorToSafeNumber(lot.listedMinor),
    soldMinor: minorToSafeNumber(lot.soldMinor),
    availableMinor: minorToSafeNumber(lot.availableMinor),
    currency: lot.currency,
    expiresAt: lot.expiresAt.toISOString(),
    tradableUntil: lot.tradableUntil.toISOString(),
    source: lot.source,
    transferMethods: lot.transferMethods,
    evidence: lot.evidence,
    verifiedAt: lot.verifiedAt ? lot.verifiedAt.toISOString() : null,
    verificationReason: lot.verificationReason,
    createdAt: lot.createdAt.toISOString(),
    compliance: lot.compliance ? toComplianceResponse(lot.compliance) : null,
  };
}
