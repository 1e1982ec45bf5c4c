export * from './escrow-ledger.module';
export { LEDGER_ENTITIES } from './ledger/ledger-entities';
export { LedgerService } from './ledger/ledger.service';
export {
  LEDGER_ACCOUNTS,
  type AccountBalance,
  type CurrencyTotals,
  type LedgerAccountCode,
  type LedgerBalances,
  type LedgerEntry,
  type LedgerJournal,
  type LedgerLine,
  type LedgerTrade,
  type NormalSide,
  type PostJournalCommand,
  type PostResult,
  type TradeLedgerBalances,
} from './ledger/ledger.types';
