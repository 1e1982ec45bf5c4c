import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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
import type { ProceedsTransfer, SettlementMoneyTrade } from '../settlement/settlement.types';
import { TradeTransferRepository } from '../settlement/trade-transfer.repository';

const STEP = 'transfer';

/**
 * Transfers a trade's proceeds to the seller's connected account, outside any transaction. The step's row
 * in trade_transfers is written first, so a retry after a crash or a lost answer looks for the transfer
 * Stripe already made (by transfer group and metadata) before asking again with the same idempotency key
 * trade:<id>:transfer; a transfer recorded once is returned as it is. `make` stops at the provider's answer
 * and `record` writes it in the caller's transaction, so the release can commit it with its journals.
 */
@Injectable()
export class TransferProceedsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gateway: PaymentGateway,
    private readonly payouts: PayoutAccounts,
    private readonly transfers: TradeTransferRepository,
    private readonly ledger: LedgerService,
    private readonly auditLog: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The transfer made and recorded, in a transaction of its own. */
  async execute(trade: SettlementMoneyTrade, amountMinor: bigint): Promise<{ transferId: string }> {
    const made = await this.make(trade, amountMinor);
    if (!made.recorded) await this.dataSource.transaction((manager) => this.record(manager, trade, made));
    return { transferId: made.transferId };
  }

  /** The transfer made at the provider (or found made); not recorded unless an earlier run recorded it. */
  async make(trade: SettlementMoneyTrade, amountMinor: bigint): Promise<ProceedsTransfer> {
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
    const made = { amountMinor, destinationAccountId: row.destinationAccountId };
    if (row.stripeTransferId) return { ...made, transferId: row.stripeTransferId, recorded: true };

    // Ask with the row's destination, so a retry sends exactly the parameters the first try did.
    const ask = { ...request, destinationAccountId: row.destinationAccountId };
    const transfer = (created ? null : await this.madeBefore(ask)) ?? (await this.create(ask, trade));
    return { ...made, transferId: transfer.id, recorded: false };
  }

  /** In the caller's transaction: the transfer's id on its row and its audit entry; nothing if recorded. */
  async record(manager: EntityManager, trade: SettlementMoneyTrade, made: ProceedsTransfer): Promise<void> {
    if (made.recorded) return;
    await this.markMade(manager, trade, made);
    await this.audit(manager, trade, made);
  }

  /** The transfer's id on the step's row (a webhook that confirmed it first is not undone). */
  async markMade(manager: EntityManager, trade: SettlementMoneyTrade, made: ProceedsTransfer): Promise<void> {
    await this.transfers.recordCreated(manager, trade.id, STEP, made.transferId, this.clock.now());
  }

  /** The transfer's audit entry, which takes the audit chain's lock until the caller commits. */
  async audit(manager: EntityManager, trade: SettlementMoneyTrade, made: ProceedsTransfer): Promise<void> {
    await this.auditLog.append(manager, {
      actor: systemActor(),
      action: 'escrow.proceeds_transferred',
      entity: 'trade',
      entityId: trade.id,
      data: {
        transferId: made.transferId,
        amountMinor: made.amountMinor.toString(),
        currency: trade.currency,
        destination: made.destinationAccountId,
      },
    });
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
