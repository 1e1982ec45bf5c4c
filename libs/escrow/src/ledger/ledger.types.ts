/** The chart of accounts, mirroring the rows migrations/1764000800000-Ledger.ts seeds. */
export const LEDGER_ACCOUNTS = {
  stripe_cash: { normalSide: 'debit', tradeScoped: false },
  escrow_held: { normalSide: 'credit', tradeScoped: true },
  seller_payable: { normalSide: 'credit', tradeScoped: true },
  fee_revenue: { normalSide: 'credit', tradeScoped: false },
  stripe_fees: { normalSide: 'debit', tradeScoped: false },
  refunds: { normalSide: 'debit', tradeScoped: false },
} as const satisfies Record<string, { normalSide: NormalSide; tradeScoped: boolean }>;

export type LedgerAccountCode = keyof typeof LEDGER_ACCOUNTS;
export type NormalSide = 'debit' | 'credit';

/** One side of a journal line; amounts are positive minor units, the side says which way. */
export type LedgerLine =
  | { account: LedgerAccountCode; debitMinor: bigint; creditMinor?: never }
  | { account: LedgerAccountCode; creditMinor: bigint; debitMinor?: never };

/** A stored entry: signed, debit positive and credit negative. */
export interface LedgerEntry {
  account: LedgerAccountCode;
  amountMinor: bigint;
}

/** A journal to post: for a trade step (replayed by (tradeId, step)) or standalone (by idempotencyKey). */
export interface PostJournalCommand {
  tradeId?: string;
  idempotencyKey?: string;
  step: string;
  currency: string;
  description: string;
  lines: readonly LedgerLine[];
}

export interface LedgerJournal {
  id: string;
  tradeId: string | null;
  idempotencyKey: string | null;
  step: string;
  currency: string;
  description: string;
  postedAt: Date;
  entries: LedgerEntry[];
}

export interface PostResult {
  journal: LedgerJournal;
  /** True when the journal already existed with the same entries and nothing was written. */
  replayed: boolean;
}

/** What the ledger needs of a trade; the market's trade rows and views satisfy it. */
export interface LedgerTrade {
  id: string;
  currency: string;
}

export interface AccountBalance {
  account: LedgerAccountCode;
  currency: string;
  debitMinor: bigint;
  creditMinor: bigint;
  /** On the account's normal side: debit - credit for debit-normal accounts, credit - debit otherwise. */
  balanceMinor: bigint;
}

export interface CurrencyTotals {
  currency: string;
  debitMinor: bigint;
  creditMinor: bigint;
  balanced: boolean;
}

export interface LedgerBalances {
  accounts: AccountBalance[];
  currencies: CurrencyTotals[];
  /** Total debits equal total credits in every currency. */
  balanced: boolean;
}

/** A trade's balance in every account, on each account's normal side. */
export type TradeLedgerBalances = Record<LedgerAccountCode, bigint>;
