/** Built once per currency: making an Intl.NumberFormat costs far more than using one. */
const formats = new Map<string, Intl.NumberFormat>();

function currencyFormat(currency: string): Intl.NumberFormat {
  let format = formats.get(currency);
  if (!format) {
    // Throws a RangeError for a malformed code, before anything is cached.
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    formats.set(currency, format);
  }
  return format;
}

/**
 * An amount of minor units as people read it, e.g. 1234567n USD -> "$12,345.67" (en-US grouping, the
 * currency's own number of decimals). Exact for any bigint: the decimal string, not a float, is formatted.
 */
export function formatMoney(amountMinor: bigint | number | string, currency: string): string {
  const format = currencyFormat(currency);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const minor = BigInt(amountMinor);
  const sign = minor < 0n ? '-' : '';
  const units = (minor < 0n ? -minor : minor).toString().padStart(digits + 1, '0');
  const major = digits > 0 ? `${units.slice(0, -digits)}.${units.slice(-digits)}` : units;
  // Intl formats numeric strings exactly (no conversion to a double).
  return format.format(`${sign}${major}` as unknown as number);
}
