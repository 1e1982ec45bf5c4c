import type { GatewayCharge, GatewayTransfer } from '../gateway/payment-gateway';
import type { DifferenceKind } from './reconciliation-difference.entity';

export interface LedgerJournalTotal {
  step: string;
  amountMinor: bigint;
}

/** One of a trade's three money flows as the ledger and the provider each count it. */
export interface MoneyComparison {
  kind: DifferenceKind;
  ledgerMinor: bigint;
  providerMinor: bigint;
}

const sum = (amounts: bigint[]): bigint => amounts.reduce((total, a) => total + a, 0n);

/**
 * What the ledger and the provider say for a trade: paid in (fund journal vs captured charges in the
 * trade's transfer group), refunded (refund journals vs the charges' refunded amounts) and paid out (payout
 * journal vs transfers in the group less reversals). Equal amounts are comparisons too, so a run can close
 * a difference that went away.
 */
export function compareTradeMoney(
  journals: readonly LedgerJournalTotal[],
  charges: readonly GatewayCharge[],
  transfers: readonly GatewayTransfer[],
): MoneyComparison[] {
  const ledger = (match: (step: string) => boolean): bigint =>
    sum(journals.filter((j) => match(j.step)).map((j) => j.amountMinor));
  const captured = charges.filter((c) => c.succeeded);
  return [
    {
      kind: 'payment',
      ledgerMinor: ledger((step) => step === 'fund'),
      providerMinor: sum(captured.map((c) => c.amountCapturedMinor)),
    },
    {
      kind: 'refund',
      ledgerMinor: ledger((step) => step === 'refund' || step.startsWith('refund:')),
      providerMinor: sum(captured.map((c) => c.amountRefundedMinor)),
    },
    {
      kind: 'payout',
      ledgerMinor: ledger((step) => step === 'payout'),
      providerMinor: sum(transfers.map((t) => t.amountMinor - t.amountReversedMinor)),
    },
  ];
}
