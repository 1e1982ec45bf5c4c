import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { LedgerService } from '@carryover/escrow';
import { minorToSafeNumber as n } from '@carryover/shared';
import { Roles } from '../auth/auth.decorators';
import { ProblemResponses } from '../http/problem-responses.decorator';

class AccountBalanceResponse {
  @ApiProperty({ example: 'escrow_held' }) account!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty() debitMinor!: number;
  @ApiProperty() creditMinor!: number;
  @ApiProperty({ description: 'on the account’s normal side' }) balanceMinor!: number;
}

class LedgerBalancesResponse {
  @ApiProperty({ type: [AccountBalanceResponse] }) accounts!: AccountBalanceResponse[];
  @ApiProperty({ description: 'total debits equal total credits in every currency' }) balanced!: boolean;
}

@ApiTags('operator')
@ApiBearerAuth()
@Roles('operator')
@Controller('v1/admin/ledger')
export class AdminLedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Get('balances')
  @ApiOkResponse({ type: LedgerBalancesResponse })
  @ProblemResponses(401, 403)
  async balances(): Promise<LedgerBalancesResponse> {
    const balances = await this.ledger.balances();
    return {
      accounts: balances.accounts.map((a) => ({
        account: a.account,
        currency: a.currency,
        debitMinor: n(a.debitMinor),
        creditMinor: n(a.creditMinor),
        balanceMinor: n(a.balanceMinor),
      })),
      balanced: balances.balanced,
    };
  }
}
