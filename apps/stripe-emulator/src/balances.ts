/** The platform's and connected accounts' balances, per currency, in minor units. */
export interface BalanceAmounts {
  available: number;
  pending: number;
}

export const PLATFORM = 'platform';

export class Balances {
  private readonly accounts = new Map<string, Map<string, BalanceAmounts>>();

  get(account: string, currency: string): BalanceAmounts {
    let currencies = this.accounts.get(account);
    if (!currencies) this.accounts.set(account, (currencies = new Map()));
    let amounts = currencies.get(currency);
    if (!amounts) currencies.set(currency, (amounts = { available: 0, pending: 0 }));
    return amounts;
  }

  add(account: string, currency: string, bucket: keyof BalanceAmounts, amount: number): void {
    this.get(account, currency)[bucket] += amount;
  }

  /** Pending funds become available, as Stripe does once a payment's funds settle. */
  settlePending(): void {
    for (const currencies of this.accounts.values()) {
      for (const amounts of currencies.values()) {
        amounts.available += amounts.pending;
        amounts.pending = 0;
      }
    }
  }

  currencies(account: string): Map<string, BalanceAmounts> {
    return this.accounts.get(account) ?? new Map();
  }

  clear(): void {
    this.accounts.clear();
  }
}
