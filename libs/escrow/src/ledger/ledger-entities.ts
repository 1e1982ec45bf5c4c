import { LedgerAccountEntity } from './ledger-account.entity';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { LedgerJournalEntity } from './ledger-journal.entity';

/** Tables owned by the escrow ledger, for the one DataSource in migrations/data-source.ts. */
export const LEDGER_ENTITIES = [LedgerAccountEntity, LedgerJournalEntity, LedgerEntryEntity];
