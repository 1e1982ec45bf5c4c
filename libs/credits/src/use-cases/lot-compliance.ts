import type { LotSnapshot } from '@carryover/compliance';
import type { CreditLotEntity } from '../entities/credit-lot.entity';

export function lotSnapshot(row: CreditLotEntity): LotSnapshot {
  return {
    id: row.id,
    status: row.status,
    faceValueMinor: row.faceValueMinor,
    currency: row.currency,
    expiresAt: row.expiresAt,
    source: row.source,
    transferMethods: row.transferMethods,
  };
}

/** The line operators see in the review queue. */
export function reviewSummary(providerName: string, row: CreditLotEntity): string {
  return (
    `Verify ${providerName} credit lot of ${row.faceValueMinor} ${row.currency} (minor units), ` +
    `expiring ${row.expiresAt.toISOString().slice(0, 10)}, evidence ${row.evidenceStatementReference}`
  );
}
