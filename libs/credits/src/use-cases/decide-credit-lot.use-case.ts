import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { ReviewHandlers, type ReviewDecision } from '@carryover/compliance';
import { auditActorOf, type Actor } from '@carryover/identity';
import { Clock, ConflictError, NotFoundError } from '@carryover/shared';
import { CreditLotRepository } from '../repositories/credit-lot.repository';

/**
 * An operator verifies or rejects a lot's evidence. Reached through the review queue or the lot
 * verification endpoint; both run it inside the decision's transaction.
 */
@Injectable()
export class DecideCreditLotUseCase implements OnModuleInit {
  constructor(
    private readonly lots: CreditLotRepository,
    private readonly handlers: ReviewHandlers,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.handlers.register('credit_lot', (manager, actor, lotId, decision, reason) =>
      this.execute(manager, actor, lotId, decision, reason),
    );
  }

  async execute(
    manager: EntityManager,
    actor: Actor,
    lotId: string,
    decision: ReviewDecision,
    reason: string,
  ): Promise<void> {
    const lot = await this.lots.lockById(manager, lotId);
    if (!lot) throw new NotFoundError('Credit lot', lotId);
    if (lot.status !== 'pending_verification') {
      throw new ConflictError('lot_already_decided', `This lot is already ${lot.status}.`);
    }
    const status = decision === 'approve' ? ('verified' as const) : ('rejected' as const);
    await this.lots.update(manager, lot.id, {
      status,
      verifiedAt: this.clock.now(),
      verifiedByUserId: actor.userId,
      verificationReason: reason,
    });
    await this.audit.append(manager, {
      actor: auditActorOf(actor),
      action: status === 'verified' ? 'credits.lot_verified' : 'credits.lot_rejected',
      entity: 'credit_lot',
      entityId: lot.id,
      data: { organizationId: lot.organizationId, providerCode: lot.providerCode },
      reason,
    });
  }
}
