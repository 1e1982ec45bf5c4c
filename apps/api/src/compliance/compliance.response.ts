import { ApiProperty } from '@nestjs/swagger';
import type { ComplianceResult } from '@carryover/compliance';
import { ComplianceCheckResponse } from './review.dto';

export class ComplianceResponse {
  @ApiProperty({ enum: ['pass', 'review', 'block'] }) outcome!: string;
  @ApiProperty({ description: 'the provider policy version the checks cite' }) policyVersion!: number;
  @ApiProperty({ type: [ComplianceCheckResponse] }) checks!: ComplianceCheckResponse[];
  @ApiProperty({ description: 'a trade will need the provider’s approval' })
  requiresProviderApproval!: boolean;
  @ApiProperty({ format: 'date-time' }) evaluatedAt!: string;
}

export function toComplianceResponse(result: ComplianceResult): ComplianceResponse {
  return {
    outcome: result.outcome,
    policyVersion: result.policyVersion,
    checks: result.checks.map((check) => ({
      rule: check.rule,
      outcome: check.outcome,
      detail: check.detail,
    })),
    requiresProviderApproval: result.requiresProviderApproval,
    evaluatedAt: result.evaluatedAt.toISOString(),
  };
}
