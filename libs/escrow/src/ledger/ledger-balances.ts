import {
  LEDGER_ACCOUNTS,
  type AccountBalance,
  type CurrencyTotals,
  type LedgerAccountCode,
  type LedgerBalances,
} from './ledger.types';

export interface AccountTotalsRow {
  account: LedgerAccountCode;
  currency: string;
  debitMinor: bigint;
  creditMinor: bigint;
}

/** Reads account totals on their normal sides and checks debits equal credits per currency. */
export function summarizeBalances(rows: readonly AccountTotalsRow[]): LedgerBalances {
  const accounts: AccountBalance[] = rows.map((r) => ({
    ...r,
    balanceMinor:
      LEDGER_ACCOUNTS[r.account].normalSide === 'debit'
        ? r.debitMinor - r.creditMinor
        : r.creditMinor - r.debitMinor,
  }));
  const totals = new Map<string, CurrencyTotals>();
  for (const r of rows) {
    const t = totals.get(r.currency) ?? {
      currency: r.currency,
      debitMinor: 0n,
      creditMinor: 0n,
      balanced: true,
    };
    t.debitMinor += r.debitMinor;
    t.creditMinor += r.creditMinor;
    t.balanced = t.debitMinor === t.creditMinor;
    totals.set(r.currency, t);
  }
  const currencies = [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
  return { accounts, currencies, balanced: currencies.every((c) => c.balanced) };
}
