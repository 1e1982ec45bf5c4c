import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobHandlerRegistry } from '@carryover/jobs';
import { RefundTradeUseCase, ReleaseTradeUseCase, SettlePartialRefundUseCase } from '@carryover/settlement';

/** The settlement steps that move money at Stripe; each handler reads the trade id and delegates. */
@Injectable()
export class PaymentsProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly release: ReleaseTradeUseCase,
    private readonly refund: RefundTradeUseCase,
    private readonly partialRefund: SettlePartialRefundUseCase,
  ) {}

  onModuleInit(): void {
    this.registry.register('payments.release', async (job) => {
      await this.release.execute(job.payload.tradeId);
    });
    this.registry.register('payments.refund', async (job) => {
      await this.refund.execute(job.payload.tradeId);
    });
    this.registry.register('payments.partial-refund', async (job) => {
      await this.partialRefund.execute(job.payload.tradeId);
    });
  }
}
