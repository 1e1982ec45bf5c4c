import { Injectable } from '@nestjs/common';
import type { Page } from '@carryover/shared';
import type { ReconciliationDifferenceEntity } from './reconciliation-difference.entity';
import { ReconciliationRepository, type DifferenceQuery } from './reconciliation.repository';

export interface ReconciliationDifference {
  id: string;
  tradeId: string;
  kind: ReconciliationDifferenceEntity['kind'];
  currency: string;
  ledgerAmountMinor: bigint;
  providerAmountMinor: bigint;
  detectedAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
}

/** Operators' read of the differences reconciliation found. */
@Injectable()
export class ReconciliationQueryService {
  constructor(private readonly differences: ReconciliationRepository) {}

  async list(query: DifferenceQuery): Promise<Page<ReconciliationDifference>> {
    const page = await this.differences.list(query);
    return { data: page.data.map((row) => ({ ...row })), nextCursor: page.nextCursor };
  }
}
