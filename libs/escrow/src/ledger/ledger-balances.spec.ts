import { summarizeBalances } from './ledger-balances';

describe('summarizeBalances', () => {
  it('reads each account on its normal side and reports a balanced ledger', () => {
    const balances = summarizeBalances([
      { account: 'escrow_held', currency: 'USD', debitMinor: 700n, creditMinor: 1_000n },
      { account: 'fee_revenue', currency: 'USD', debitMinor: 0n, creditMinor: 50n },
      { account: 'stripe_cash', currency: 'USD', debitMinor: 1_000n, creditMinor: 650n },
      { account: 'stripe_cash', currency: 'EUR', debitMinor: 9n, creditMinor: 0n },
      { account: 'escrow_held', currency: 'EUR', debitMinor: 0n, creditMinor: 9n },
    ]);
    expect(balances.accounts.map((a) => [a.account, a.currency, a.balanceMinor])).toEqual([
      ['escrow_held', 'USD', 300n],
      ['fee_revenue', 'USD', 50n],
      ['stripe_cash', 'USD', 350n],
      ['stripe_cash', 'EUR', 9n],
      ['escrow_held', 'EUR', 9n],
    ]);
    expect(balances.currencies).toEqual([
      { currency: 'EUR', debitMinor: 9n, creditMinor: 9n, balanced: true },
      { currency: 'USD', debitMinor: 1_700n, creditMinor: 1_700n, balanced: true },
    ]);
    expect(balances.balanced).toBe(true);
  });

  it('flags a currency whose debits and credits differ', () => {
    const balances = summarizeBalances([
      { account: 'stripe_cash', currency: 'GBP', debitMinor: 10n, creditMinor: 0n },
      { account: 'escrow_held', currency: 'GBP', debitMinor: 0n, creditMinor: 9n },
    ]);
    expect(balances.currencies[0]?.balanced).toBe(false);
    expect(balances.balanced).toBe(false);
  });

  it('is balanced when the ledger is empty', () => {
    expect(summarizeBalances([])).toEqual({ accounts: [], currencies: [], balanced: true });
  });
});
