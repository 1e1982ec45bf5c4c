import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { auditActorOf, type Actor } from '@carryover/identity';
import { ForbiddenError, NotFoundError, ValidationError } from '@carryover/shared';
import { toPolicyRow } from '../domain/policy.mapper';
import type { PolicyTerms, ProviderPolicy } from '../domain/policy';
import { ProviderRepository } from '../repositories/provider.repository';

/** An operator records a provider's new terms as the next policy version; earlier versions stay as they were. */
@Injectable()
export class UpdateProviderPolicyUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly providers: ProviderRepository,
    private readonly audit: AuditService,
  ) {}

  async execute(
    actor: Actor,
    providerCode: string,
    terms: PolicyTerms,
    reason?: string,
  ): Promise<ProviderPolicy> {
    if (actor.role !== 'operator')
      throw new ForbiddenError('operator_only', 'Only operators edit provider policies.');
    if (terms.resale !== 'prohibited' && terms.transferMethods.length === 0) {
      throw new ValidationError([
        {
          field: 'transferMethods',
          message: 'a policy that allows resale must allow at least one transfer method',
        },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      const provider = await this.providers.lockProvider(manager, providerCode);
      if (!provider) throw new NotFoundError('Provider', providerCode);
      const previous = await this.providers.findPolicy(providerCode, undefined, manager);
      const version = (previous?.version ?? 0) + 1;
      const policy = await this.providers.insertPolicy(
        manager,
        toPolicyRow(providerCode, version, terms, actor.userId),
      );
      await this.audit.append(manager, {
        actor: auditActorOf(actor),
        action: 'catalog.policy_updated',
        entity: 'provider',
        entityId: providerCode,
        data: {
          version,
          previousVersion: previous?.version ?? null,
          resale: policy.resale,
          transferMethods: policy.transferMethods,
          minDaysToExpiry: policy.minDaysToExpiry,
          resaleableSources: policy.resaleableSources,
          buyerEligibility: { ...policy.buyerEligibility },
          maxLotFaceValueMinor: policy.maxLotFaceValueMinor?.toString() ?? null,
        },
        reason: reason ?? null,
      });
      return policy;
    });
  }
}
