import type { CreditSource, TransferMethod } from '@carryover/catalog';
import type { CreditLotEntity, LotStatus } from '../entities/credit-lot.entity';

export interface CreditLotView {
  id: string;
  organizationId: string;
  providerCode: string;
  policyVersion: number;
  accountReference: string;
  faceValueMinor: bigint;
  currency: string;
  listedMinor: bigint;
  soldMinor: bigint;
  availableMinor: bigint;
  expiresAt: Date;
  tradableUntil: Date;
  source: CreditSource;
  transferMethods: TransferMethod[];
  evidence: { statementReference: string; note: string | null };
  status: LotStatus;
  verifiedAt: Date | null;
  verificationReason: string | null;
  createdAt: Date;
}

export function toCreditLotView(row: CreditLotEntity): CreditLotView {
  return {
    id: row.id,
    organizationId: row.organizationId,
    providerCode: row.providerCode,
    policyVersion: row.policyVersion,
    accountReference: row.accountReference,
    faceValueMinor: row.faceValueMinor,
    currency: row.currency,
    listedMinor: row.listedMinor,
    soldMinor: row.soldMinor,
    availableMinor: row.availableMinor ?? row.faceValueMinor - row.listedMinor - row.soldMinor,
    expiresAt: row.expiresAt,
    tradableUntil: row.tradableUntil,
    source: row.source,
    transferMethods: row.transferMethods,
    evidence: { statementReference: row.evidenceStatementReference, note: row.evidenceNote },
    status: row.status,
    verifiedAt: row.verifiedAt,
    verificationReason: row.verificationReason,
    createdAt: row.createdAt,
  };
}
