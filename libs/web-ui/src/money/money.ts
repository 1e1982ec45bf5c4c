/**
 * Money in the browser: amounts travel as integer minor units and are shown and typed as people read them.
 * Every conversion is integer arithmetic on bigint; no floating point touches an amount.
 */

const LOCALE = 'en-US';

/** Minor-unit digits of an ISO-4217 currency (2 for USD, 0 for JPY), as Intl knows them. */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat(LOCALE, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
    2
  );
}

export function toMinorBigInt(minor: number | bigint | string): bigint {
  if (typeof minor === 'bigint') return minor;
  if (typeof minor === 'number' && !Number.isSafeInteger(minor)) {
    throw new RangeError(`${minor} is not a whole number of minor units`);
  }
  return BigInt(minor);
}

/** 1234567 USD -> "$12,345.67"; -50 -> "-$0.50". */
export function formatMoney(minor: number | bigint | string, currency = 'USD'): string {
  const value = toMinorBigInt(minor);
  const digits = currencyDigits(currency);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const scale = 10n ** BigInt(digits);
  const whole = abs / scale;
  const parts = new Intl.NumberFormat(LOCALE, {
    style: 'currency',
    currency,
    minimumFractionDigits: 0,
    maximumFractionDigits: 0,
  }).formatToParts(whole);
  const fraction = digits === 0 ? '' : `.${(abs % scale).toString().padStart(digits, '0')}`;
  const lastInteger = parts.map((part) => part.type).lastIndexOf('integer');
  const text = parts.map((part, index) => (index === lastInteger ? `${part.value}${fraction}` : part.value));
  return `${negative ? '-' : ''}${text.join('')}`;
}

export type ParsedMoney = { ok: true; minor: bigint } | { ok: false; error: string };

/**
 * Reads an amount typed as dollars and cents ("12,345.67", "$ 12345.6", "0.05") into minor units.
 * Refuses negatives, more decimals than the currency has, misplaced thousands separators and anything else.
 */
export function parseMoney(input: string, currency = 'USD'): ParsedMoney {
  const digits = currencyDigits(currency);
  const symbol = currencySymbol(currency);
  let text = input.trim();
  if (text.startsWith(symbol)) text = text.slice(symbol.length).trim();
  if (text === '') return { ok: false, error: 'Enter an amount' };
  if (text.startsWith('-')) return { ok: false, error: 'The amount cannot be negative' };
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false, error: `Enter an amount like ${formatMoney(123456, currency)}` };
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    return {
      ok: false,
      error: digits === 0 ? `${currency} has no minor units` : `Use at most ${digits} decimal places`,
    };
  }
  const whole = BigInt((match[1] ?? '0').replaceAll(',', ''));
  const minor = whole * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  return { ok: true, minor };
}

/** A bigint of minor units as the JSON number the API takes; refuses what JSON numbers cannot hold exactly. */
export function minorToJson(minor: bigint): number {
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError('The amount is too large');
  }
  return Number(minor);
}

function currencySymbol(currency: string): string {
  const parts = new Intl.NumberFormat(LOCALE, { style: 'currency', currency }).formatToParts(0);
  return parts.find((part) => part.type === 'currency')?.value ?? currency;
}
