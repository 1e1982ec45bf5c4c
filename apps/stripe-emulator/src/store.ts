import { Balances } from './balances';
import type {
  Account,
  Charge,
  PaymentIntent,
  Refund,
  StripeEvent,
  StripeObject,
  Transfer,
  TransferReversal,
} from './objects';

export interface PendingAccountLink {
  account: string;
  refreshUrl: string;
  returnUrl: string;
  expiresAt: number;
  used: boolean;
}

/** Everything the emulator remembers, in memory; `reset()` forgets it all. */
export class EmulatorStore {
  readonly paymentIntents = new Map<string, PaymentIntent>();
  readonly charges = new Map<string, Charge>();
  readonly refunds = new Map<string, Refund>();
  readonly transfers = new Map<string, Transfer>();
  readonly reversals = new Map<string, TransferReversal>();
  readonly accounts = new Map<string, Account>();
  readonly accountLinks = new Map<string, PendingAccountLink>();
  readonly events = new Map<string, StripeEvent>();
  readonly balances = new Balances();

  /** Any stored object by id, for `expand[]`. */
  find(id: string): StripeObject | undefined {
    const maps: Map<string, StripeObject>[] = [
      this.paymentIntents,
      this.charges,
      this.refunds,
      this.transfers,
      this.reversals,
      this.accounts,
    ];
    for (const map of maps) {
      const found = map.get(id);
      if (found) return found;
    }
    return undefined;
  }

  reset(): void {
    for (const map of [
      this.paymentIntents,
      this.charges,
      this.refunds,
      this.transfers,
      this.reversals,
      this.accounts,
      this.accountLinks,
      this.events,
    ] as Map<string, unknown>[]) {
      map.clear();
    }
    this.balances.clear();
  }
}
