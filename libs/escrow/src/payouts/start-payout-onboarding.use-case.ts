import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { auditActorOf, OrganizationScope, roleSatisfies, type Actor } from '@carryover/identity';
import { Clock, ForbiddenError, NotFoundError } from '@carryover/shared';
import { PaymentGateway } from '../gateway/payment-gateway';
import { PayoutAccounts } from './payout-accounts';
import { PAYOUT_SETTINGS, type PayoutSettings } from './payout-settings';

/**
 * An organisation admin starts (or resumes) Stripe Connect onboarding. The connected account is created
 * once: the gateway's idempotency key org:<id>:connect-account makes concurrent or retried creations return
 * the same account, and the primary key on payout_accounts keeps the first one recorded. Every call returns
 * a fresh single-use onboarding link.
 */
@Injectable()
export class StartPayoutOnboardingUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: PayoutAccounts,
    private readonly gateway: PaymentGateway,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(PAYOUT_SETTINGS) private readonly settings: PayoutSettings,
  ) {}

  async execute(actor: Actor): Promise<{ url: string }> {
    const { organizationId } = OrganizationScope.of(actor);
    if (!roleSatisfies(actor.role, 'org_admin')) {
      throw new ForbiddenError('insufficient_role', 'Only an org_admin manages payouts.');
    }
    const stripeAccountId =
      (await this.accounts.find(organizationId))?.stripeAccountId ??
      (await this.createAccount(actor, organizationId));
    const link = await this.gateway.createOnboardingLink(
      stripeAccountId,
      this.settings.refreshUrl,
      this.settings.returnUrl,
    );
    await this.dataSource.transaction((manager) =>
      this.audit.append(manager, {
        actor: auditActorOf(actor),
        action: 'payouts.onboarding_started',
        entity: 'organization',
        entityId: organizationId,
        data: { stripeAccountId },
      }),
    );
    return { url: link.url };
  }

  private async createAccount(actor: Actor, organizationId: string): Promise<string> {
    const rows = (await this.dataSource.query(`SELECT country FROM organizations WHERE id = $1`, [
      organizationId,
    ])) as Array<{ country: string }>;
    const country = rows[0]?.country;
    if (!country) throw new NotFoundError('Organization', organizationId);
    const account = await this.gateway.createConnectedAccount(organizationId, country);
    return this.dataSource.transaction(async (manager) => {
      const { row, created } = await this.accounts.recordAccount(
        manager,
        organizationId,
        account,
        this.clock.now(),
      );
      if (created) {
        await this.audit.append(manager, {
          actor: auditActorOf(actor),
          action: 'payouts.account_created',
          entity: 'organization',
          entityId: organizationId,
          data: { stripeAccountId: row.stripeAccountId, country },
        });
      }
      return row.stripeAccountId;
    });
  }
}
