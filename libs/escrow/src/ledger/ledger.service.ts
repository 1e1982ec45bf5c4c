import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BusinessRuleError, Clock, ConflictError } from '@carryover/shared';
import { buildJournalEntries, netByAccount, onNormalSide, sameEntries } from './journal-entries';
import { summarizeBalances } from './ledger-balances';
import { LedgerRepository, type JournalKey } from './ledger.repository';
import {
  LEDGER_ACCOUNTS,
  type LedgerAccountCode,
  type LedgerBalances,
  type LedgerEntry,
  type LedgerJournal,
  type LedgerTrade,
  type PostJournalCommand,
  type PostResult,
  type TradeLedgerBalances,
} from './ledger.types';
import {
  fundJournal,
  payoutJournal,
  refundJournal,
  releaseJournal,
  stripeFeeJournal,
} from './trade-journals';

/**
 * The double-entry ledger. Writes run inside the caller's transaction; the database re-checks at commit
 * that each journal sums to zero and that no trade's escrow_held or seller_payable goes below zero.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly journals: LedgerRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Posts a balanced journal once. Posting the same (trade, step) or idempotency key again returns the
   * stored journal and writes nothing; the same key with different entries or currency is a conflict.
   */
  async post(manager: EntityManager, command: PostJournalCommand): Promise<PostResult> {
    const entries = buildJournalEntries(command);
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('LedgerService.post needs a transaction: the zero-sum check runs at commit');
    }
    const key: JournalKey =
      command.tradeId !== undefined
        ? { tradeId: command.tradeId, step: command.step }
        : { idempotencyKey: command.idempotencyKey ?? '' };
    if (command.tradeId !== undefined) {
      await this.journals.lockTrade(manager, command.tradeId);
      const state = await this.journals.tradePostingState(manager, command.tradeId, command.step);
      if (state.existingId !== null) return this.replayStored(manager, key, command, entries);
      this.assertTradeBalancesStayNonNegative(command.tradeId, state.sums, entries);
    } else {
      const existing = await this.journals.findJournal(manager, key);
      if (existing) return { journal: this.replay(existing, command, entries), replayed: true };
    }

    const journal = {
      tradeId: command.tradeId ?? null,
      idempotencyKey: command.idempotencyKey ?? null,
      step: command.step,
      currency: command.currency,
      description: command.description,
      postedAt: this.clock.now(),
    };
    const id = await this.journals.insertJournal(manager, journal, entries);
    if (id !== null) return { journal: { id, ...journal, entries }, replayed: false };
    // A concurrent post with the same idempotency key committed first.
    return this.replayStored(manager, key, command, entries);
  }

  fundTrade(manager: EntityManager, trade: LedgerTrade, amountMinor: bigint): Promise<PostResult> {
    return this.post(manager, fundJournal(trade, amountMinor));
  }

  releaseTrade(
    manager: EntityManager,
    trade: LedgerTrade,
    amounts: { proceedsMinor: bigint; feeMinor: bigint },
  ): Promise<PostResult> {
    return this.post(manager, releaseJournal(trade, amounts));
  }

  /** `transferId` names the provider's transfer in the journal's description. */
  payoutSeller(
    manager: EntityManager,
    trade: LedgerTrade,
    amountMinor: bigint,
    transferId: string | null = null,
  ): Promise<PostResult> {
    return this.post(manager, payoutJournal(trade, amountMinor, transferId));
  }

  /** `step` is 'refund' for a whole refund, 'refund:1', 'refund:2', ... for partial ones. */
  refundTrade(
    manager: EntityManager,
    trade: LedgerTrade,
    amountMinor: bigint,
    step = 'refund',
  ): Promise<PostResult> {
    return this.post(manager, refundJournal(trade, amountMinor, step));
  }

  recordStripeFee(manager: EntityManager, trade: LedgerTrade, amountMinor: bigint): Promise<PostResult> {
    return this.post(manager, stripeFeeJournal(trade, amountMinor));
  }

  /** Every account's totals per currency, and whether debits equal credits in each currency. */
  async balances(manager?: EntityManager): Promise<LedgerBalances> {
    return summarizeBalances(await this.journals.accountTotals(manager));
  }

  /** The buyer money the ledger holds in escrow for the trade. */
  async escrowHeld(tradeId: string, manager?: EntityManager): Promise<bigint> {
    return (await this.tradeBalances(tradeId, manager)).escrow_held;
  }

  /** The trade's balance in every account, on each account's normal side (zero where untouched). */
  async tradeBalances(tradeId: string, manager?: EntityManager): Promise<TradeLedgerBalances> {
    return toTradeBalances(await this.journals.tradeSums(manager, tradeId));
  }

  /** tradeBalances and tradeJournals together, from one read. */
  async tradeLedger(
    tradeId: string,
    manager?: EntityManager,
  ): Promise<{
    balances: TradeLedgerBalances;
    journals: Array<{ step: string; currency: string; amountMinor: bigint }>;
  }> {
    const rows = await this.journals.tradeJournalAccounts(manager, tradeId);
    const sums = new Map<LedgerAccountCode, bigint>();
    const journals = new Map<
      string,
      { step: string; currency: string; postedAt: Date; amountMinor: bigint }
    >();
    for (const row of rows) {
      sums.set(row.account, (sums.get(row.account) ?? 0n) + row.sum);
      const journal = journals.get(row.journalId) ?? { ...row, amountMinor: 0n };
      journal.amountMinor += row.debits;
      journals.set(row.journalId, journal);
    }
    const balances = toTradeBalances(sums);
    const ordered = [...journals.values()].sort(
      (a, b) =>
        a.postedAt.getTime() - b.postedAt.getTime() || (a.step < b.step ? -1 : a.step > b.step ? 1 : 0),
    );
    return {
      balances,
      journals: ordered.map(({ step, currency, amountMinor }) => ({ step, currency, amountMinor })),
    };
  }

  /** The trade's journals by step (`fund`, `release`, `payout`, `refund`, `refund:2`, ...) and their sizes. */
  tradeJournals(
    tradeId: string,
    manager?: EntityManager,
  ): Promise<Array<{ step: string; currency: string; amountMinor: bigint }>> {
    return this.journals.tradeJournalTotals(manager, tradeId);
  }

  private async replayStored(
    manager: EntityManager,
    key: JournalKey,
    command: PostJournalCommand,
    entries: LedgerEntry[],
  ): Promise<PostResult> {
    const stored = await this.journals.findJournal(manager, key);
    if (!stored) throw new Error(`ledger journal ${JSON.stringify(key)} conflicted but cannot be read`);
    return { journal: this.replay(stored, command, entries), replayed: true };
  }

  private replay(
    existing: LedgerJournal,
    command: PostJournalCommand,
    entries: LedgerEntry[],
  ): LedgerJournal {
    if (existing.currency !== command.currency || !sameEntries(existing.entries, entries)) {
      throw new ConflictError(
        'ledger_journal_conflict',
        `Journal ${existing.tradeId ? `${existing.tradeId}/${existing.step}` : existing.idempotencyKey} ` +
          'was already posted with different entries.',
      );
    }
    return existing;
  }

  /** The service's side of the rule the database checks at commit, on sums read under the trade's lock. */
  private assertTradeBalancesStayNonNegative(
    tradeId: string,
    sums: Map<LedgerAccountCode, bigint>,
    entries: LedgerEntry[],
  ): void {
    for (const [account, delta] of netByAccount(entries)) {
      if (!LEDGER_ACCOUNTS[account].tradeScoped) continue;
      const after = onNormalSide(account, (sums.get(account) ?? 0n) + delta);
      if (after < 0n) {
        throw new BusinessRuleError(
          account === 'escrow_held' ? 'escrow_insufficient' : 'ledger_balance_insufficient',
          `The trade's ${account} balance cannot cover this journal.`,
          { tradeId, account, shortfallMinor: (-after).toString() },
        );
      }
    }
  }
}

/** Every account's balance on its normal side, from signed sums per account (zero where untouched). */
function toTradeBalances(sums: ReadonlyMap<LedgerAccountCode, bigint>): TradeLedgerBalances {
  const codes = Object.keys(LEDGER_ACCOUNTS) as LedgerAccountCode[];
  return Object.fromEntries(
    codes.map((code) => [code, onNormalSide(code, sums.get(code) ?? 0n)]),
  ) as TradeLedgerBalances;
}
