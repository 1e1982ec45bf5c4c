import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { CatalogService, type CreditSource, type TransferMethod } from '@carryover/catalog';
import {
  ComplianceService,
  ReviewQueue,
  toPartySnapshot,
  toPolicySnapshot,
  tradableUntil,
  type StoredComplianceResult,
} from '@carryover/compliance';
import { auditActorOf, OrganizationDirectory, OrganizationScope, type Actor } from '@carryover/identity';
import { BusinessRuleError, Clock, DomainError, ValidationError } from '@carryover/shared';
import { toCreditLotView, type CreditLotView } from '../domain/credit-lot.view';
import { CreditLotRepository } from '../repositories/credit-lot.repository';
import { lotSnapshot, reviewSummary } from './lot-compliance';

export interface RegisterCreditLotCommand {
  providerCode: string;
  accountReference: string;
  faceValueMinor: bigint;
  currency: string;
  expiresAt: Date;
  source: CreditSource;
  transferMethods: TransferMethod[];
  evidence: { statementReference: string; note?: string };
}

/**
 * A seller registers a balance it owns. The lot is checked against the provider's current policy;
 * a blocking rule refuses it, anything else waits for an operator to verify the evidence.
 */
@Injectable()
export class RegisterCreditLotUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly directory: OrganizationDirectory,
    private readonly compliance: ComplianceService,
    private readonly reviews: ReviewQueue,
    private readonly lots: CreditLotRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    command: RegisterCreditLotCommand,
  ): Promise<{ lot: CreditLotView; compliance: StoredComplianceResult }> {
    const scope = OrganizationScope.of(actor);
    const now = this.clock.now();
    const provider = await this.catalog.requireMarket(command.providerCode, command.currency);
    if (command.expiresAt.getTime() <= now.getTime()) {
      throw new ValidationError([{ field: 'expiresAt', message: 'must be in the future' }]);
    }
    const until = tradableUntil(command.expiresAt, provider.policy.minDaysToExpiry);
    if (until.getTime() <= now.getTime()) {
      throw new DomainError(
        'business_rule',
        'too_close_to_expiry',
        'These credits expire too soon to be transferred.',
        [
          {
            field: 'expiresAt',
            message: `${provider.name} needs ${provider.policy.minDaysToExpiry} days before expiry to transfer`,
          },
        ],
      );
    }

    return this.dataSource.transaction(async (manager) => {
      const seller = await this.directory.get(scope.organizationId, manager);
      const row = await this.lots.insert(manager, {
        organizationId: scope.organizationId,
        providerCode: provider.code,
        policyVersion: provider.policy.version,
        accountReference: command.accountReference.trim(),
        faceValueMinor: command.faceValueMinor,
        currency: command.currency,
        expiresAt: command.expiresAt,
        tradableUntil: until,
        source: command.source,
        transferMethods: [...new Set(command.transferMethods)],
        evidenceStatementReference: command.evidence.statementReference.trim(),
        evidenceNote: command.evidence.note?.trim() || null,
        createdByUserId: actor.userId,
      });
      const result = this.compliance.evaluate({
        policy: toPolicySnapshot(provider.policy),
        seller: toPartySnapshot(seller),
        lot: lotSnapshot(row),
        at: now,
      });
      if (result.outcome === 'block') {
        throw new BusinessRuleError('compliance_blocked', 'This lot breaks the provider’s resale terms.', {
          compliance: { outcome: result.outcome, policyVersion: result.policyVersion, checks: result.checks },
        });
      }
      const stored = await this.compliance.record(
        manager,
        { subjectType: 'credit_lot', subjectId: row.id, context: 'registration' },
        result,
      );
      await this.reviews.open(manager, {
        subjectType: 'credit_lot',
        subjectId: row.id,
        organizationId: scope.organizationId,
        complianceResultId: stored.id,
        summary: reviewSummary(provider.name, row),
        checks: stored.checks.filter((check) => check.outcome !== 'pass'),
      });
      await this.audit.append(manager, {
        actor: auditActorOf(actor),
        action: 'credits.lot_registered',
        entity: 'credit_lot',
        entityId: row.id,
        data: {
          providerCode: row.providerCode,
          policyVersion: row.policyVersion,
          faceValueMinor: row.faceValueMinor.toString(),
          currency: row.currency,
          expiresAt: row.expiresAt.toISOString(),
          source: row.source,
          evidenceStatementReference: row.evidenceStatementReference,
          complianceOutcome: stored.outcome,
        },
      });
      return { lot: toCreditLotView(row), compliance: stored };
    });
  }
}
