import { applyBps } from './rounding';

const CURRENCY = /^[A-Z]{3}$/;

/** An exact amount of one currency in integer minor units (cents for USD). Immutable. */
export class Money {
  private constructor(
    readonly amountMinor: bigint,
    readonly currency: string,
  ) {}

  static of(amountMinor: bigint | number | string, currency: string): Money {
    if (!CURRENCY.test(currency)) throw new RangeError(`Invalid ISO-4217 currency: ${currency}`);
    return new Money(toBigInt(amountMinor), currency);
  }

  static zero(currency: string): Money {
    return Money.of(0n, currency);
  }

  add(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amountMinor + other.amountMinor, this.currency);
  }

  subtract(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amountMinor - other.amountMinor, this.currency);
  }

  /** This amount times `bps / 10000`, rounded half up. */
  multiplyBps(bps: number | bigint): Money {
    return new Money(applyBps(this.amountMinor, bps), this.currency);
  }

  compare(other: Money): -1 | 0 | 1 {
    this.assertSameCurrency(other);
    return this.amountMinor < other.amountMinor ? -1 : this.amountMinor > other.amountMinor ? 1 : 0;
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.amountMinor === other.amountMinor;
  }

  isNegative(): boolean {
    return this.amountMinor < 0n;
  }

  isZero(): boolean {
    return this.amountMinor === 0n;
  }

  /** The amount as a JSON-safe integer; refuses amounts a JSON number cannot hold exactly. */
  toSafeNumber(): number {
    return minorToSafeNumber(this.amountMinor);
  }

  toJSON(): { amountMinor: number; currency: string } {
    return { amountMinor: this.toSafeNumber(), currency: this.currency };
  }

  toString(): string {
    return `${this.amountMinor} ${this.currency}`;
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new RangeError(`Currency mismatch: ${this.currency} vs ${other.currency}`);
    }
  }
}

export function minorToSafeNumber(amountMinor: bigint): number {
  if (amountMinor > BigInt(Number.MAX_SAFE_INTEGER) || amountMinor < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`Amount ${amountMinor} exceeds the JSON-safe integer range`);
  }
  return Number(amountMinor);
}

function toBigInt(value: bigint | number | string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`Amount must be a safe integer of minor units, got ${value}`);
  }
  if (typeof value === 'string' && !/^-?\d+$/.test(value)) {
    throw new RangeError(`Amount must be an integer of minor units, got "${value}"`);
  }
  return BigInt(value);
}
