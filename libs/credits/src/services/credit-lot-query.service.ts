import { Injectable } from '@nestjs/common';
import { ComplianceService, type StoredComplianceResult } from '@carryover/compliance';
import { OrganizationScope, type Actor, type PageRequest } from '@carryover/identity';
import { NotFoundError, type Page } from '@carryover/shared';
import { toCreditLotView, type CreditLotView } from '../domain/credit-lot.view';
import { CreditLotRepository } from '../repositories/credit-lot.repository';

export type CreditLotWithCompliance = CreditLotView & { compliance: StoredComplianceResult | null };

/** A seller's own lots; another organisation's lot is simply not found. */
@Injectable()
export class CreditLotQueryService {
  constructor(
    private readonly lots: CreditLotRepository,
    private readonly compliance: ComplianceService,
  ) {}

  async list(actor: Actor, request: PageRequest): Promise<Page<CreditLotWithCompliance>> {
    const page = await this.lots.scoped.page(OrganizationScope.of(actor), request);
    const results = await this.compliance.latestFor(
      'credit_lot',
      page.data.map((row) => row.id),
    );
    return {
      data: page.data.map((row) => ({ ...toCreditLotView(row), compliance: results.get(row.id) ?? null })),
      nextCursor: page.nextCursor,
    };
  }

  async get(actor: Actor, id: string): Promise<CreditLotWithCompliance> {
    const row = await this.lots.scoped.getById(OrganizationScope.of(actor), id);
    return { ...toCreditLotView(row), compliance: await this.compliance.latest('credit_lot', row.id) };
  }

  /** For operators, across organisations. */
  async getAny(id: string): Promise<CreditLotWithCompliance> {
    const row = await this.lots.findById(id);
    if (!row) throw new NotFoundError('Credit lot', id);
    return { ...toCreditLotView(row), compliance: await this.compliance.latest('credit_lot', row.id) };
  }

  /** For the platform's reminders, across organisations: see CreditLotRepository.expiringWithUnsold. */
  async expiringWithUnsold(
    after: Date,
    until: Date,
    limit: number,
    from?: { tradableUntil: Date; id: string },
  ): Promise<CreditLotView[]> {
    return (await this.lots.expiringWithUnsold(after, until, limit, from)).map(toCreditLotView);
  }
}
