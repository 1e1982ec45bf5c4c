import type { PolicySnapshot } from './compliance.types';

/** How details name a policy, e.g. "anthropic policy v3". */
export function policyLabel(policy: PolicySnapshot): string {
  return `${policy.providerCode} policy v${policy.version}`;
}

/** A comma-separated list, or "none" so an empty list still reads as a sentence. */
export function formatList(items: readonly string[]): string {
  return items.length === 0 ? 'none' : items.join(', ');
}

/** An amount in minor units as an operator reads it, e.g. "USD 15,000.00"; exact for any bigint. */
export function formatAmount(amountMinor: bigint, currency: string): string {
  const digits = fractionDigits(currency);
  const negative = amountMinor < 0n;
  const abs = negative ? -amountMinor : amountMinor;
  const scale = 10n ** BigInt(digits);
  const whole = (abs / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = digits === 0 ? '' : `.${(abs % scale).toString().padStart(digits, '0')}`;
  return `${currency} ${negative ? '-' : ''}${whole}${fraction}`;
}

const digitsByCurrency = new Map<string, number>();

// ISO 4217 minor-unit exponents differ (JPY 0, USD 2, BHD 3); ICU knows them, 2 is the safe default.
// Asked of ICU once per currency: building a NumberFormat is the costly part of formatting.
function fractionDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    try {
      const options = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions();
      digits = options.maximumFractionDigits ?? 2;
    } catch {
      return 2; // not a currency ICU knows: not remembered, so junk codes cannot grow the map
    }
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}
