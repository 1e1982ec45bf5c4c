import { Injectable } from '@nestjs/common';
import { EscrowSettlement } from '@carryover/escrow';
import { SettlementSweepRepository } from '../repositories/settlement-sweep.repository';
import { ReleaseTradeUseCase } from './release-trade.use-case';
import { SettlePartialRefundUseCase } from './settle-partial-refund.use-case';

const BATCH = 100;

/**
 * Resumes the releases that waited for a seller's payouts (a releasing trade, or a dispute resolved with a
 * partial refund), once that seller can receive transfers. Each release is idempotent, so a repeat is safe.
 */
@Injectable()
export class ResumePayoutsUseCase {
  constructor(
    private readonly sweep: SettlementSweepRepository,
    private readonly escrow: EscrowSettlement,
    private readonly release: ReleaseTradeUseCase,
    private readonly partialRefund: SettlePartialRefundUseCase,
  ) {}

  /** For one seller (its payouts.enabled event), or every waiting seller (the sweep); returns how many resumed. */
  async execute(sellerOrganizationId?: string): Promise<number> {
    const waiting = await this.sweep.waitingForPayouts(BATCH, sellerOrganizationId);
    const enabled = new Map<string, boolean>();
    let resumed = 0;
    for (const trade of waiting) {
      const seller = trade.sellerOrganizationId;
      if (!enabled.has(seller)) enabled.set(seller, await this.escrow.sellerPayoutsEnabled(seller));
      if (!enabled.get(seller)) continue;
      const outcome =
        trade.status === 'releasing'
          ? await this.release.execute(trade.id)
          : await this.partialRefund.execute(trade.id);
      if (outcome !== 'waiting' && outcome !== 'nothing') resumed += 1;
    }
    return resumed;
  }
}
