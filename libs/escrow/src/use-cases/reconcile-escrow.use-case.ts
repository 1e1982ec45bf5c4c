import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, ConflictError } from '@carryover/shared';
import { PaymentGateway } from '../gateway/payment-gateway';
import { LedgerService } from '../ledger/ledger.service';
import { compareTradeMoney } from '../reconciliation/compare-trade-money';
import {
  ReconciliationRepository,
  type ComparisonOutcome,
  type TradeToReconcile,
} from '../reconciliation/reconciliation.repository';

export interface ReconcileOptions {
  /** Only this trade, whenever its activity was (the windows below do not apply). */
  tradeId?: string;
  /** Trades with escrow activity in this many days (default 30); trades with open differences always. */
  lookbackDays?: number;
  /** Trades touched more recently than this are left to the next run: a step may be in flight (default 120). */
  quietSeconds?: number;
}

export interface ReconciliationSummary {
  startedAt: Date;
  finishedAt: Date;
  tradesChecked: number;
  /** Trades the provider could not be asked about this time; tried again by the next run. */
  tradesFailed: number;
  differencesOpened: number;
  differencesResolved: number;
  /** Open differences after the run, over all trades. */
  openDifferences: number;
}

const DAY_MS = 86_400_000;

/**
 * Compares each trade's ledger with the payment provider's objects (charges and refunds in its transfer
 * group, transfers less reversals) and records where they differ in reconciliation_differences, for
 * operators. Idempotent: a difference seen again stays one open row; one that went away is resolved. One
 * run at a time across processes (a database lock); a second is ConflictError `reconciliation_running`.
 */
@Injectable()
export class ReconcileEscrowUseCase {
  private readonly logger = new Logger(ReconcileEscrowUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly gateway: PaymentGateway,
    private readonly ledger: LedgerService,
    private readonly differences: ReconciliationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(options: ReconcileOptions = {}): Promise<ReconciliationSummary> {
    const summary = await this.differences.withRunLock(() => this.run(options));
    if (!summary)
      throw new ConflictError('reconciliation_running', 'A reconciliation run is already under way.');
    return summary;
  }

  private async run(options: ReconcileOptions): Promise<ReconciliationSummary> {
    const startedAt = this.clock.now();
    const since = new Date(startedAt.getTime() - (options.lookbackDays ?? 30) * DAY_MS);
    const quietSince = new Date(startedAt.getTime() - (options.quietSeconds ?? 120) * 1000);
    const trades = await this.differences.tradesToReconcile(
      options.tradeId ? { tradeId: options.tradeId } : { since, quietSince },
    );
    const counts: Record<ComparisonOutcome | 'failed', number> = {
      opened: 0,
      still_open: 0,
      resolved: 0,
      agrees: 0,
      failed: 0,
    };
    for (const trade of trades) {
      try {
        for (const outcome of await this.reconcile(trade)) counts[outcome] += 1;
      } catch (error) {
        counts.failed += 1;
        this.logger.warn({ tradeId: trade.tradeId, err: error }, 'trade not reconciled this run');
      }
    }
    const summary = {
      startedAt,
      finishedAt: this.clock.now(),
      tradesChecked: trades.length - counts.failed,
      tradesFailed: counts.failed,
      differencesOpened: counts.opened,
      differencesResolved: counts.resolved,
      openDifferences: await this.differences.countOpen(),
    };
    this.logger.log({ ...summary }, 'escrow reconciled');
    return summary;
  }

  private async reconcile(trade: TradeToReconcile): Promise<ComparisonOutcome[]> {
    const [journals, charges, transfers] = await Promise.all([
      this.ledger.tradeJournals(trade.tradeId),
      this.gateway.listCharges(trade.tradeId),
      this.gateway.listTransfers(trade.tradeId),
    ]);
    const comparisons = compareTradeMoney(journals, charges, transfers);
    const at = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const outcomes: ComparisonOutcome[] = [];
      for (const comparison of comparisons) {
        outcomes.push(await this.differences.record(manager, trade, comparison, at));
      }
      return outcomes;
    });
  }
}
