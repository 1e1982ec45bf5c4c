import { Identity1764000000000 } from './1764000000000-Identity';
import { AuditLog1764000100000 } from './1764000100000-AuditLog';
import { IdempotencyKeys1764000200000 } from './1764000200000-IdempotencyKeys';
import { Catalog1764000300000 } from './1764000300000-Catalog';
import { OrganizationKyc1764000400000 } from './1764000400000-OrganizationKyc';
import { Compliance1764000500000 } from './1764000500000-Compliance';
import { CreditLots1764000600000 } from './1764000600000-CreditLots';
import { Market1764000700000 } from './1764000700000-Market';
import { Ledger1764000800000 } from './1764000800000-Ledger';
import { Payments1764000900000 } from './1764000900000-Payments';
import { Payouts1764001000000 } from './1764001000000-Payouts';
import { Outbox1764001100000 } from './1764001100000-Outbox';
import { EscrowSettlement1764001200000 } from './1764001200000-EscrowSettlement';
import { Settlement1764001300000 } from './1764001300000-Settlement';
import { Notifications1764001400000 } from './1764001400000-Notifications';
import { BookLevels1764001500000 } from './1764001500000-BookLevels';
import { AuditAppend1764001600000 } from './1764001600000-AuditAppend';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the compiled apps, ts-jest and the
 * TypeORM CLI load exactly the same set; add each new migration here.
 */
export const MIGRATIONS = [
  Identity1764000000000,
  AuditLog1764000100000,
  IdempotencyKeys1764000200000,
  Catalog1764000300000,
  OrganizationKyc1764000400000,
  Compliance1764000500000,
  CreditLots1764000600000,
  Market1764000700000,
  Ledger1764000800000,
  Payments1764000900000,
  Payouts1764001000000,
  Outbox1764001100000,
  EscrowSettlement1764001200000,
  Settlement1764001300000,
  Notifications1764001400000,
  BookLevels1764001500000,
  AuditAppend1764001600000,
];
