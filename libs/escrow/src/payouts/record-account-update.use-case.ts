import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { Clock, DomainEventBus } from '@carryover/shared';
import type { GatewayEvent } from '../gateway/payment-gateway';
import { PayoutAccounts, type AccountProgress } from './payout-accounts';

/**
 * In-transaction event: an organisation's payouts just became enabled. The settlement domain subscribes
 * and publishes payouts.enabled to the outbox, which resumes the releases that waited for it.
 */
export const PAYOUTS_ENABLED_EVENT = 'escrow.payouts_enabled';

/**
 * An `account.updated` event, inside the webhook's transaction: the account's onboarding progress moves
 * forward only, so a late or reordered delivery cannot undo a newer one. Unknown accounts are ignored.
 */
@Injectable()
export class RecordAccountUpdateUseCase {
  private readonly logger = new Logger(RecordAccountUpdateUseCase.name);

  constructor(
    private readonly accounts: PayoutAccounts,
    private readonly audit: AuditService,
    private readonly events: DomainEventBus,
    private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager, event: GatewayEvent): Promise<void> {
    const account = accountOf(event.payload);
    if (!account) return;
    const outcome = await this.accounts.recordProgress(manager, account.id, account, this.clock.now());
    if (!outcome?.changed) return;
    await this.audit.append(manager, {
      actor: { type: 'system', id: null, organizationId: null },
      action: 'payouts.status_changed',
      entity: 'organization',
      entityId: outcome.organizationId,
      data: { stripeAccountId: account.id, status: outcome.status, eventId: event.id },
    });
    if (outcome.status === 'enabled') {
      await this.events.publish(manager, {
        name: PAYOUTS_ENABLED_EVENT,
        payload: { organizationId: outcome.organizationId },
      });
    }
    this.logger.log({ organizationId: outcome.organizationId, status: outcome.status }, 'payouts status');
  }
}

/** The account in a verified event's `data.object`, or null when it carries none. */
export function accountOf(payload: Record<string, unknown>): (AccountProgress & { id: string }) | null {
  const data = payload['data'];
  const object =
    typeof data === 'object' && data !== null ? (data as Record<string, unknown>)['object'] : undefined;
  if (typeof object !== 'object' || object === null) return null;
  const account = object as Record<string, unknown>;
  if (account['object'] !== 'account' || typeof account['id'] !== 'string') return null;
  return {
    id: account['id'],
    detailsSubmitted: account['details_submitted'] === true,
    payoutsEnabled: account['payouts_enabled'] === true,
  };
}
