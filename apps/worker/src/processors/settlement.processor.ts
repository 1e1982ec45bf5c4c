import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { JobHandlerRegistry } from '@carryover/jobs';
import { AdvanceTradeUseCase, ResumePayoutsUseCase, SettlementTimeoutsUseCase } from '@carryover/settlement';

/** The settlement workflow's steps and its timeout sweep; each handler reads ids and delegates. */
@Injectable()
export class SettlementProcessor implements OnModuleInit {
  private readonly logger = new Logger(SettlementProcessor.name);

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly advance: AdvanceTradeUseCase,
    private readonly resumePayouts: ResumePayoutsUseCase,
    private readonly timeouts: SettlementTimeoutsUseCase,
  ) {}

  onModuleInit(): void {
    this.registry.register('settlement.advance', async (job) => {
      await this.advance.execute(job.payload.tradeId);
    });
    this.registry.register('settlement.resume-payouts', async (job) => {
      await this.resumePayouts.execute(job.payload.organizationId);
    });
    this.registry.register('maintenance.settlement-timeouts', async () => {
      const report = await this.timeouts.execute();
      if (Object.values(report).some((count) => count > 0)) this.logger.log(report, 'Settlement timeouts');
    });
  }
}
