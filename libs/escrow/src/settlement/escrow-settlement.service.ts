import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError } from '@carryover/shared';
import { LedgerService } from '../ledger/ledger.service';
import { PayoutAccounts } from '../payouts/payout-accounts';
import { CancelPaymentUseCase } from '../use-cases/cancel-payment.use-case';
import { RefundBuyerUseCase } from '../use-cases/refund-buyer.use-case';
import { TransferProceedsUseCase } from '../use-cases/transfer-proceeds.use-case';
import type { ProceedsTransfer, SettlementMoneyTrade, TradeMoneyState } from './settlement.types';
import { TradeRefundRepository } from './trade-refund.repository';
import { TradeTransferRepository } from './trade-transfer.repository';

/**
 * Escrow's service to the settlement domain, which owns every trade status change: provider calls
 * (transfer, refund, cancel) run outside any transaction and are idempotent per trade and step; the
 * ledger postings run in the caller's transaction, next to its state change, and replay as no-ops.
 */
@Injectable()
export class EscrowSettlement {
  constructor(
    private readonly payouts: PayoutAccounts,
    private readonly ledger: LedgerService,
    private readonly transfers: TradeTransferRepository,
    private readonly refunds: TradeRefundRepository,
    private readonly transferProceedsUseCase: TransferProceedsUseCase,
    private readonly refundBuyerUseCase: RefundBuyerUseCase,
    private readonly cancelPaymentUseCase: CancelPaymentUseCase,
  ) {}

  /** Whether the seller organisation's connected account can receive transfers. */
  sellerPayoutsEnabled(organizationId: string): Promise<boolean> {
    return this.payouts.payoutsEnabled(organizationId);
  }

  /**
   * Stripe Transfer of `amountMinor` (normally sellerProceedsMinor) to the seller's connected account,
   * transfer_group = trade id, metadata trade id + step, idempotency key `trade:<id>:transfer`. Call it
   * outside any transaction. Throws PayoutsNotEnabledError when the seller has no enabled payouts. A plain
   * 429 is retried here, network errors and 5xx by the SDK; a repeated call returns the same transfer.
   */
  transferProceeds(trade: SettlementMoneyTrade, amountMinor: bigint): Promise<{ transferId: string }> {
    return this.transferProceedsUseCase.execute(trade, amountMinor);
  }

  /**
   * The same transfer, made but not yet recorded unless an earlier run recorded it: pass it to
   * recordRelease (or recordTransfer) in the transaction that follows, which records it.
   */
  makeTransfer(trade: SettlementMoneyTrade, amountMinor: bigint): Promise<ProceedsTransfer> {
    return this.transferProceedsUseCase.make(trade, amountMinor);
  }

  /** In the caller's transaction: a transfer from makeTransfer on the trade's row, with its audit entry. */
  recordTransfer(manager: EntityManager, trade: SettlementMoneyTrade, made: ProceedsTransfer): Promise<void> {
    return this.transferProceedsUseCase.record(manager, trade, made);
  }

  /**
   * In the caller's transaction: the `release` journal (escrow_held -> seller_payable + fee_revenue) and,
   * once the transfer is made (`transferId` set), the `payout` journal (seller_payable -> stripe_cash).
   * Without a transfer id the proceeds stay in seller_payable until called again with one. Replays post
   * nothing; the same step with other amounts is a ConflictError.
   */
  async recordRelease(
    manager: EntityManager,
    trade: SettlementMoneyTrade,
    amounts: { proceedsMinor: bigint; feeMinor: bigint; transferId: string | null },
  ): Promise<void> {
    const { proceedsMinor, feeMinor, transferId } = amounts;
    await this.ledger.releaseTrade(manager, trade, { proceedsMinor, feeMinor });
    if (transferId === null || proceedsMinor === 0n) return;
    const transfer = await this.transfers.find(trade.id, 'transfer', manager);
    if (transfer?.stripeTransferId !== transferId || transfer.amountMinor !== proceedsMinor) {
      throw new ConflictError(
        'transfer_mismatch',
        `Transfer ${transferId} is not trade ${trade.id}'s transfer of ${proceedsMinor} ${trade.currency}.`,
      );
    }
    await this.ledger.payoutSeller(manager, trade, proceedsMinor, transferId);
  }

  /**
   * recordRelease for a transfer from makeTransfer (null: no proceeds to send), which it records first on
   * the trade's row and audits last, as the audit entry holds the chain's lock until the caller commits.
   */
  async recordReleaseAndTransfer(
    manager: EntityManager,
    trade: SettlementMoneyTrade,
    amounts: { proceedsMinor: bigint; feeMinor: bigint; transfer: ProceedsTransfer | null },
  ): Promise<void> {
    const { transfer, ...release } = amounts;
    if (transfer && !transfer.recorded) await this.transferProceedsUseCase.markMade(manager, trade, transfer);
    await this.recordRelease(manager, trade, { ...release, transferId: transfer?.transferId ?? null });
    if (transfer && !transfer.recorded) await this.transferProceedsUseCase.audit(manager, trade, transfer);
  }

  /**
   * Stripe Refund of `amountMinor` against the trade's succeeded PaymentIntent, step `refund` or
   * `refund:<n>`, idempotency key `trade:<id>:<step>`. Call it outside any transaction; retried like
   * transfers; the refunds of a trade never add up to more than was paid.
   */
  refundBuyer(trade: SettlementMoneyTrade, amountMinor: bigint, step: string): Promise<{ refundId: string }> {
    return this.refundBuyerUseCase.execute(trade, amountMinor, step);
  }

  /** In the caller's transaction: the refund journal (escrow_held -> stripe_cash) for a refund made. */
  async recordRefund(
    manager: EntityManager,
    trade: SettlementMoneyTrade,
    amountMinor: bigint,
    step: string,
  ): Promise<void> {
    const refund = await this.refunds.find(trade.id, step, manager);
    if (!refund?.stripeRefundId || refund.amountMinor !== amountMinor) {
      throw new ConflictError(
        'refund_not_made',
        `Trade ${trade.id} has no refund ${step} of ${amountMinor} made at the payment provider.`,
      );
    }
    await this.ledger.refundTrade(manager, trade, amountMinor, step);
  }

  /** Cancels the trade's open (not succeeded) PaymentIntent if any; PaymentAlreadySucceededError if paid. */
  cancelPayment(tradeId: string): Promise<void> {
    return this.cancelPaymentUseCase.execute(tradeId);
  }

  /** The trade's money: held, released, paid out, refunded, and its provider transfer and refunds. */
  async moneyState(tradeId: string): Promise<TradeMoneyState> {
    const [{ balances, journals }, transfers, refunds] = await Promise.all([
      this.ledger.tradeLedger(tradeId),
      this.transfers.forTrade(tradeId),
      this.refunds.forTrade(tradeId),
    ]);
    const total = (match: (step: string) => boolean): bigint =>
      journals.filter((j) => match(j.step)).reduce((sum, j) => sum + j.amountMinor, 0n);
    const lastError = (row: { lastErrorCode: string | null; lastErrorMessage: string | null }) =>
      row.lastErrorCode === null ? null : { code: row.lastErrorCode, message: row.lastErrorMessage ?? '' };
    const transfer = transfers[0];
    return {
      currency: journals[0]?.currency ?? transfer?.currency ?? refunds[0]?.currency ?? null,
      paidMinor: total((step) => step === 'fund'),
      escrowHeldMinor: balances.escrow_held,
      releasedMinor: total((step) => step === 'release'),
      feeMinor: balances.fee_revenue,
      sellerPayableMinor: balances.seller_payable,
      paidOutMinor: total((step) => step === 'payout'),
      refundedMinor: total((step) => step === 'refund' || step.startsWith('refund:')),
      transfer: transfer
        ? {
            step: transfer.step,
            transferId: transfer.stripeTransferId,
            status: transfer.status,
            amountMinor: transfer.amountMinor,
            amountReversedMinor: transfer.amountReversedMinor,
            lastError: lastError(transfer),
            confirmedAt: transfer.confirmedAt,
          }
        : null,
      refunds: refunds.map((r) => ({
        step: r.step,
        refundId: r.stripeRefundId,
        status: r.status,
        amountMinor: r.amountMinor,
        lastError: lastError(r),
        confirmedAt: r.confirmedAt,
      })),
    };
  }
}
