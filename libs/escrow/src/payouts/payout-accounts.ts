import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { GatewayAccount } from '../gateway/payment-gateway';
import { PayoutAccountEntity, type PayoutStatus } from './payout-account.entity';

/** What Stripe last told us about a connected account's onboarding. */
export type AccountProgress = Pick<GatewayAccount, 'detailsSubmitted' | 'payoutsEnabled'>;

/**
 * The only code that touches payout_accounts. Onboarding only moves forward here: an event delivered late
 * or out of order never takes an enabled account back to pending.
 */
@Injectable()
export class PayoutAccounts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(organizationId: string, manager?: EntityManager): Promise<PayoutAccountEntity | null> {
    const source = manager ?? this.dataSource.manager;
    return source.getRepository(PayoutAccountEntity).findOne({ where: { organizationId } });
  }

  async status(organizationId: string): Promise<PayoutStatus> {
    return (await this.find(organizationId))?.status ?? 'not_started';
  }

  /** Whether the organisation's proceeds may be transferred to its connected account. */
  async payoutsEnabled(organizationId: string): Promise<boolean> {
    return (await this.find(organizationId))?.payoutsEnabled ?? false;
  }

  /**
   * Records the organisation's connected account unless it already has one; returns the account the
   * organisation ends up with (the first one recorded wins a race).
   */
  async recordAccount(
    manager: EntityManager,
    organizationId: string,
    account: GatewayAccount,
    at: Date,
  ): Promise<{ row: PayoutAccountEntity; created: boolean }> {
    const inserted = (await manager.query(
      `INSERT INTO payout_accounts
              (organization_id, stripe_account_id, status, details_submitted, payouts_enabled, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (organization_id) DO NOTHING
       RETURNING organization_id`,
      [
        organizationId,
        account.id,
        account.payoutsEnabled ? 'enabled' : 'pending',
        account.detailsSubmitted,
        account.payoutsEnabled,
        at,
      ],
    )) as unknown[];
    const row = await manager
      .getRepository(PayoutAccountEntity)
      .findOneOrFail({ where: { organizationId }, lock: { mode: 'pessimistic_write' } });
    return { row, created: inserted.length > 0 };
  }

  /** Applies a newer view of the account; the organisation it belongs to, or null for an unknown account. */
  async recordProgress(
    manager: EntityManager,
    stripeAccountId: string,
    progress: AccountProgress,
    at: Date,
  ): Promise<{ organizationId: string; status: PayoutStatus; changed: boolean } | null> {
    const repository = manager.getRepository(PayoutAccountEntity);
    const before = await repository.findOne({
      where: { stripeAccountId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!before) return null;
    const payoutsEnabled = before.payoutsEnabled || progress.payoutsEnabled;
    const status: PayoutStatus = payoutsEnabled ? 'enabled' : 'pending';
    await repository.update(
      { organizationId: before.organizationId },
      {
        detailsSubmitted: before.detailsSubmitted || progress.detailsSubmitted,
        payoutsEnabled,
        status,
        updatedAt: at,
      },
    );
    return { organizationId: before.organizationId, status, changed: status !== before.status };
  }
}
