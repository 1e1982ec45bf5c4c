import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService, systemActor } from '@carryover/audit';
import type { TradeStatus } from '@carryover/market';
import { Clock } from '@carryover/shared';
import { DataSource } from 'typeorm';
import { SettlementSweepRepository } from '../repositories/settlement-sweep.repository';
import { SETTLEMENT_SETTINGS, type SettlementSettings } from '../settlement.settings';
import { CancelUnpaidTradeUseCase } from './cancel-unpaid-trade.use-case';
import { ExpireTransferUseCase } from './expire-transfer.use-case';
import { ResumePayoutsUseCase } from './resume-payouts.use-case';

const BATCH = 100;

/** Steps with no timeout action of their own: past the stuck-step window an operator should look. */
const WATCHED_STEPS: readonly TradeStatus[] = [
  'funded',
  'awaiting_provider_approval',
  'transfer_submitted',
  'verifying',
  'releasing',
  'refunding',
  'disputed',
];

export interface TimeoutReport {
  cancelled: number;
  transfersExpired: number;
  flagged: number;
  resumed: number;
  failed: number;
}

/**
 * The repeatable settlement sweep: unpaid trades past the payment window are cancelled, transfers not
 * submitted within the transfer window are refunded, trades in any other step beyond the stuck-step window
 * are flagged for operators (once per step), and releases waiting on payouts that are now enabled resume.
 * One trade's failure is logged and does not stop the others; the next run tries it again.
 */
@Injectable()
export class SettlementTimeoutsUseCase {
  private readonly logger = new Logger(SettlementTimeoutsUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly sweep: SettlementSweepRepository,
    private readonly cancelUnpaid: CancelUnpaidTradeUseCase,
    private readonly expireTransfer: ExpireTransferUseCase,
    private readonly resumePayouts: ResumePayoutsUseCase,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(SETTLEMENT_SETTINGS) private readonly settings: SettlementSettings,
  ) {}

  async execute(): Promise<TimeoutReport> {
    const report: TimeoutReport = { cancelled: 0, transfersExpired: 0, flagged: 0, resumed: 0, failed: 0 };
    const now = this.clock.now().getTime();
    const paymentCutoff = new Date(now - this.settings.paymentWindowMs);
    for (const id of await this.sweep.unpaidBefore(paymentCutoff, BATCH)) {
      const outcome = await this.guarded(report, id, () =>
        this.cancelUnpaid.execute(id, 'the payment window elapsed'),
      );
      if (outcome === 'cancelled') report.cancelled += 1;
    }
    const transferCutoff = new Date(now - this.settings.transferWindowMs);
    for (const id of await this.sweep.inStatusBefore('transfer_pending', transferCutoff, BATCH)) {
      if (await this.guarded(report, id, () => this.expireTransfer.execute(id, transferCutoff))) {
        report.transfersExpired += 1;
      }
    }
    report.flagged = await this.flagStuck(new Date(now - this.settings.stuckStepWindowMs));
    report.resumed = (await this.guarded(report, 'payouts', () => this.resumePayouts.execute())) ?? 0;
    return report;
  }

  private async flagStuck(cutoff: Date): Promise<number> {
    const flagged = await this.dataSource.transaction(async (manager) => {
      const rows = await this.sweep.flagStuck(manager, WATCHED_STEPS, cutoff, this.clock.now());
      await this.audit.appendAll(
        manager,
        rows.map((trade) => ({
          actor: systemActor(),
          action: 'settlement.trade_flagged',
          entity: 'trade',
          entityId: trade.tradeId,
          data: { status: trade.status },
          reason: trade.reason,
        })),
      );
      return rows;
    });
    if (flagged.length > 0) {
      this.logger.warn({ trades: flagged }, 'trades flagged for operators: a step outlasted its window');
    }
    return flagged.length;
  }

  private async guarded<T>(
    report: TimeoutReport,
    id: string,
    work: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      report.failed += 1;
      this.logger.error({ tradeId: id, err: error }, 'settlement timeout step failed; retried next run');
      return undefined;
    }
  }
}
