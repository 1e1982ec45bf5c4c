import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { Clock, ForbiddenError, inTransaction, NotFoundError } from '@carryover/shared';
import { auditActorOf, type Actor } from '../domain/actor';
import { toOrganizationView } from '../domain/mappers';
import type { OrganizationView } from '../domain/views';
import { OrganizationEntity } from '../entities/organization.entity';

export type KycDecision = 'verify' | 'reject';

/** An operator records the outcome of an organisation's KYC check; the decision and reason are audited. */
@Injectable()
export class DecideKycUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    organizationId: string,
    decision: KycDecision,
    reason: string,
    manager?: EntityManager,
  ): Promise<OrganizationView> {
    if (actor.role !== 'operator' || actor.userId === null) {
      throw new ForbiddenError('operator_only', 'Only operators decide KYC.');
    }
    const operatorId = actor.userId;
    return inTransaction(this.dataSource, manager, async (em) => {
      const organizations = em.getRepository(OrganizationEntity);
      const organization = await organizations.findOne({
        where: { id: organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!organization) throw new NotFoundError('Organization', organizationId);
      const previous = organization.kycStatus;
      const changes = {
        kycStatus: decision === 'verify' ? ('verified' as const) : ('rejected' as const),
        kycDecidedAt: this.clock.now(),
        kycDecidedByUserId: operatorId,
        kycReason: reason,
      };
      await organizations.update({ id: organizationId }, changes);
      await this.audit.append(em, {
        actor: auditActorOf(actor),
        action: decision === 'verify' ? 'identity.kyc_verified' : 'identity.kyc_rejected',
        entity: 'organization',
        entityId: organizationId,
        data: { from: previous, to: changes.kycStatus },
        reason,
      });
      return toOrganizationView({ ...organization, ...changes });
    });
  }
}
