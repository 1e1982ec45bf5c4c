import { BusinessRuleError, ValidationError, type FieldError } from '@carryover/shared';
import {
  LEDGER_ACCOUNTS,
  type LedgerAccountCode,
  type LedgerEntry,
  type LedgerLine,
  type PostJournalCommand,
} from './ledger.types';

const STEP = /^[a-z][a-z0-9_]{0,39}(:[a-z0-9_-]{1,40})?$/;
const CURRENCY = /^[A-Z]{3}$/;

export function isLedgerAccount(code: string): code is LedgerAccountCode {
  return Object.prototype.hasOwnProperty.call(LEDGER_ACCOUNTS, code);
}

/** Signs each line (debit positive, credit negative); every amount must be a positive integer. */
export function toEntries(lines: readonly LedgerLine[]): LedgerEntry[] {
  const errors: FieldError[] = [];
  const entries = lines.map((line, i): LedgerEntry => {
    const amount = line.debitMinor ?? line.creditMinor;
    if (!isLedgerAccount(line.account))
      errors.push({ field: `lines.${i}.account`, message: 'unknown account' });
    if (line.debitMinor !== undefined && line.creditMinor !== undefined) {
      errors.push({ field: `lines.${i}`, message: 'a line is either a debit or a credit' });
    }
    if (typeof amount !== 'bigint' || amount <= 0n) {
      errors.push({ field: `lines.${i}`, message: 'amount must be a positive bigint of minor units' });
    }
    return { account: line.account, amountMinor: line.debitMinor ?? -(line.creditMinor ?? 0n) };
  });
  if (errors.length > 0) throw new ValidationError(errors, 'The journal lines are not valid.');
  return entries;
}

export function entriesSum(entries: readonly LedgerEntry[]): bigint {
  return entries.reduce((sum, e) => sum + e.amountMinor, 0n);
}

/** The rule the database enforces at commit, checked first so callers get a clear error. */
export function assertZeroSum(entries: readonly LedgerEntry[]): void {
  const sum = entriesSum(entries);
  if (entries.length < 2 || sum !== 0n) {
    throw new BusinessRuleError(
      'ledger_journal_unbalanced',
      'A journal needs two or more entries whose debits equal its credits.',
      { entries: entries.length, sumMinor: sum.toString() },
    );
  }
}

/** Validates a command and returns its signed, zero-sum entries. */
export function buildJournalEntries(command: PostJournalCommand): LedgerEntry[] {
  const errors: FieldError[] = [];
  if ((command.tradeId === undefined) === (command.idempotencyKey === undefined)) {
    errors.push({ field: 'tradeId', message: 'give exactly one of tradeId and idempotencyKey' });
  }
  if (!STEP.test(command.step))
    errors.push({ field: 'step', message: 'step must look like "release" or "refund:2"' });
  if (!CURRENCY.test(command.currency)) errors.push({ field: 'currency', message: 'not an ISO-4217 code' });
  if (command.description.trim() === '') errors.push({ field: 'description', message: 'must not be empty' });
  if (errors.length > 0) throw new ValidationError(errors, 'The journal is not valid.');
  const entries = toEntries(command.lines);
  assertZeroSum(entries);
  if (command.tradeId === undefined) {
    const scoped = entries.find((e) => LEDGER_ACCOUNTS[e.account].tradeScoped);
    if (scoped) {
      const message = `${scoped.account} takes entries only for a trade`;
      throw new ValidationError([{ field: 'tradeId', message }], `The journal is not valid: ${message}.`);
    }
  }
  return entries;
}

/** True when both hold the same entries, in any order. */
export function sameEntries(a: readonly LedgerEntry[], b: readonly LedgerEntry[]): boolean {
  const key = (e: LedgerEntry): string => `${e.account}:${e.amountMinor}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
}

/** A signed sum of entries read on the account's normal side. */
export function onNormalSide(account: LedgerAccountCode, signedMinor: bigint): bigint {
  return LEDGER_ACCOUNTS[account].normalSide === 'debit' ? signedMinor : -signedMinor;
}

/** The net signed change the entries make to each account. */
export function netByAccount(entries: readonly LedgerEntry[]): Map<LedgerAccountCode, bigint> {
  const net = new Map<LedgerAccountCode, bigint>();
  for (const e of entries) net.set(e.account, (net.get(e.account) ?? 0n) + e.amountMinor);
  return net;
}
