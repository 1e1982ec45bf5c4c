import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CatalogService } from '@carryover/catalog';
import {
  ComplianceService,
  toPartySnapshot,
  toPolicySnapshot,
  worstOutcome,
  type StoredComplianceResult,
} from '@carryover/compliance';
import { AuditService, type AuditActor } from '@carryover/audit';
import { CreditLotHoldings } from '@carryover/credits';
import { OrganizationDirectory } from '@carryover/identity';
import { Clock, NotFoundError } from '@carryover/shared';
import type { SettlementTrade } from '../domain/settlement-trade';
import { SettlementTradeRepository } from '../repositories/settlement-trade.repository';

/**
 * Compliance once more before money reaches the seller: the provider's current policy, both parties' and
 * the lot's current state, stored with the policy version under context `release`. The expiry rule is
 * judged at the trade's execution: it guards the time the transfer needs, and the transfer is done.
 */
@Injectable()
export class ReleaseCompliance {
  constructor(
    private readonly catalog: CatalogService,
    private readonly compliance: ComplianceService,
    private readonly directory: OrganizationDirectory,
    private readonly lots: CreditLotHoldings,
    private readonly trades: SettlementTradeRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Null when the trade may be released. A block is recorded in the caller's transaction (the result, the
   * trade marked waiting for compliance, an audit entry) and returned: the caller commits, then answers 422.
   */
  async gate(
    manager: EntityManager,
    trade: SettlementTrade,
    actor: AuditActor,
  ): Promise<StoredComplianceResult | null> {
    const result = await this.check(manager, trade);
    if (result.outcome !== 'block') return null;
    await this.trades.setWaiting(manager, trade.id, 'compliance_blocked', this.clock.now());
    await this.audit.append(manager, {
      actor,
      action: 'settlement.release_blocked',
      entity: 'trade',
      entityId: trade.id,
      data: {
        complianceResultId: result.id,
        policyVersion: result.policyVersion,
        rules: result.checks.filter((check) => check.outcome === 'block').map((check) => check.rule),
      },
    });
    return result;
  }

  async check(manager: EntityManager, trade: SettlementTrade): Promise<StoredComplianceResult> {
    const provider = await this.catalog.findProvider(trade.providerCode, manager);
    if (!provider) throw new NotFoundError('Provider', trade.providerCode);
    const lot = await this.lots.get(manager, trade.creditLotId);
    const subject = {
      policy: toPolicySnapshot(provider.policy),
      seller: toPartySnapshot(await this.directory.get(trade.sellerOrganizationId, manager)),
      buyer: toPartySnapshot(await this.directory.get(trade.buyerOrganizationId, manager)),
      lot,
      transferMethods: [trade.transferMethod],
    };
    const now = this.compliance.evaluate({ ...subject, at: this.clock.now() });
    const atExecution = this.compliance.evaluate({ ...subject, at: trade.executedAt });
    const expiry = atExecution.checks.find((check) => check.rule === 'too_close_to_expiry');
    const checks = now.checks.map((check) =>
      check.rule === 'too_close_to_expiry' && expiry ? expiry : check,
    );
    const result = { ...now, checks, outcome: worstOutcome(checks.map((check) => check.outcome)) };
    return this.compliance.record(
      manager,
      { subjectType: 'trade', subjectId: trade.id, context: 'release' },
      result,
    );
  }
}
