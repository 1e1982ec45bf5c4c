import { Injectable } from '@nestjs/common';
import { OrganizationScope, type Actor } from '@carryover/identity';
import { PayoutAccounts } from './payout-accounts';
import type { PayoutStatus } from './payout-account.entity';

/** Any member reads their own organisation's payouts status; operators have no organisation (403). */
@Injectable()
export class GetPayoutStatusUseCase {
  constructor(private readonly accounts: PayoutAccounts) {}

  async execute(actor: Actor): Promise<{ status: PayoutStatus }> {
    const { organizationId } = OrganizationScope.of(actor);
    return { status: await this.accounts.status(organizationId) };
  }
}
