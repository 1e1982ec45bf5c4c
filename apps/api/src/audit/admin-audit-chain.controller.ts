import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AuditService } from '@carryover/audit';
import { Roles } from '../auth/auth.decorators';
import { ProblemResponses } from '../http/problem-responses.decorator';

class AuditChainBreakResponse {
  @ApiProperty() seq!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['prev_hash_mismatch', 'hash_mismatch'] }) problem!: string;
  @ApiProperty({ nullable: true, type: String }) expected!: string | null;
  @ApiProperty({ nullable: true, type: String }) actual!: string | null;
}

class AuditChainResponse {
  @ApiProperty({ description: 'every link recomputes and points at its predecessor' }) ok!: boolean;
  @ApiProperty({ description: 'links verified before the first break, or all of them' }) checked!: number;
  @ApiProperty({ nullable: true, type: String }) lastHash!: string | null;
  @ApiPropertyOptional({ type: AuditChainBreakResponse, nullable: true })
  firstBreak!: AuditChainBreakResponse | null;
}

@ApiTags('operator')
@ApiBearerAuth()
@Roles('operator')
@Controller('v1/admin/audit-chain')
export class AdminAuditChainController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ type: AuditChainResponse, description: 'recomputes the whole hash chain, oldest first' })
  @ProblemResponses(401, 403)
  async verify(): Promise<AuditChainResponse> {
    const report = await this.audit.verifyChain();
    return {
      ok: report.ok,
      checked: report.checked,
      lastHash: report.lastHash,
      firstBreak: report.firstBreak ? { ...report.firstBreak, seq: report.firstBreak.seq.toString() } : null,
    };
  }
}
