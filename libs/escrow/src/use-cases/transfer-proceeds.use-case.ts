import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, systemActor } from '@carryover/audit';
import { BusinessRuleError, Clock, ConflictError, ValidationError } from '@carryover/shared';
import {
  PaymentGateway,
  PaymentRequestRejectedError,
  type GatewayTransfer,
  type TransferRequest,
} from '../gateway/payment-gateway';
import { LedgerService } from '../ledger/ledger.service';
import { PayoutAccounts } from '../payouts/payout-accounts';
import { PayoutsNotEnabledError } from '../settlement/settlement.errors';
import type { SettlementMoneyTrade } from '../settlement/settlement.types';
import { TradeTransferRepository } from '../settlement/trade-transfer.repository';

const STEP = 'transfer';

/**
 * Transfers a trade's proceeds to the seller's connected account, outside any transaction. The step's row
 * in trade_transfers is written first, so a retry after a crash or a lost answer looks for the transfer
 * Stripe already made (by transfer group and metadata) before asking again with the same idempotency key
 * trade:<id>:transfer; a transfer recorded once is returned as it is.
 */
@Injectable()
export class TransferProceedsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gateway: PaymentGateway,
    private readonly payouts: PayoutAccounts,
    private readonly transfers: TradeTransferRepository,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(trade: SettlementMoneyTrade, amountMinor: bigint): Promise<{ transferId: string }> {
    if (amountMinor <= 0n) {
      throw new ValidationError([
        { field: 'amountMinor', message: 'must be a positive amount of minor units' },
      ]);
    }
    const account = await this.payouts.find(trade.sellerOrganizationId);
    if (!account?.payoutsEnabled) throw new PayoutsNotEnabledError(trade.sellerOrganizationId);
    const request: TransferRequest = {
      tradeId: trade.id,
      step: STEP,
      amountMinor,
      currency: trade.currency,
      destinationAccountId: account.stripeAccountId,
    };
    const { row, created } = await this.transfers.begin(request, this.clock.now());
    if (row.amountMinor !== amountMinor || row.currency !== trade.currency) {
      throw new ConflictError(
        'transfer_amount_conflict',
        `Trade ${trade.id} already has a transfer of ${row.amountMinor} ${row.currency}; it cannot become ${amountMinor} ${trade.currency}.`,
      );
    }
    if (row.stripeTransferId) return { transferId: row.stripeTransferId };

    // Ask with the row's destination, so a retry sends exactly the parameters the first try did.
    const ask = { ...request, destinationAccountId: row.destinationAccountId };
    const transfer = (created ? null : await this.madeBefore(ask)) ?? (await this.create(ask, trade));
    await this.dataSource.transaction(async (manager) => {
      await this.transfers.recordCreated(manager, trade.id, STEP, transfer.id, this.clock.now());
      await this.audit.append(manager, {
        actor: systemActor(),
        action: 'escrow.proceeds_transferred',
        entity: 'trade',
        entityId: trade.id,
        data: {
          transferId: transfer.id,
          amountMinor: amountMinor.toString(),
          currency: trade.currency,
          destination: ask.destinationAccountId,
        },
      });
    });
    return { transferId: transfer.id };
  }

  /** A transfer an earlier try made whose answer was never recorded. */
  private async madeBefore(request: TransferRequest): Promise<GatewayTransfer | null> {
    const made = await this.gateway.listTransfers(request.tradeId);
    return made.find((t) => t.tradeId === request.tradeId && t.step === request.step) ?? null;
  }

  private async create(request: TransferRequest, trade: SettlementMoneyTrade): Promise<GatewayTransfer> {
    const balances = await this.ledger.tradeBalances(trade.id);
    if (balances.escrow_held + balances.seller_payable < request.amountMinor) {
      throw new BusinessRuleError(
        'escrow_insufficient',
        `Trade ${trade.id} does not hold enough to transfer.`,
        {
          tradeId: trade.id,
          heldMinor: (balances.escrow_held + balances.seller_payable).toString(),
          amountMinor: request.amountMinor.toString(),
        },
      );
    }
    try {
      return await this.gateway.createTransfer(request);
    } catch (error) {
      if (error instanceof PaymentRequestRejectedError) {
        await this.transfers.recordFailure(trade.id, STEP, error.code, error.message, this.clock.now());
      }
      throw error;
    }
  }
}
