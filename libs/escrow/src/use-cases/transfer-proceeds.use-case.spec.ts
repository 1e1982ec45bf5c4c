import type { DataSource, EntityManager } from 'typeorm';
import type { AuditService } from '@carryover/audit';
import { SystemClock } from '@carryover/shared';
import { PaymentRequestRejectedError, type PaymentGateway } from '../gateway/payment-gateway';
import type { LedgerService } from '../ledger/ledger.service';
import type { PayoutAccounts } from '../payouts/payout-accounts';
import { PayoutsNotEnabledError } from '../settlement/settlement.errors';
import type { SettlementMoneyTrade } from '../settlement/settlement.types';
import type { TradeTransferEntity } from '../settlement/trade-transfer.entity';
import type { TradeTransferRepository } from '../settlement/trade-transfer.repository';
import { TransferProceedsUseCase } from './transfer-proceeds.use-case';

const trade: SettlementMoneyTrade = {
  id: 't1',
  currency: 'USD',
  grossMinor: 72_000n,
  feeMinor: 3_600n,
  sellerProceedsMinor: 68_400n,
  sellerOrganizationId: 'seller',
  buyerOrganizationId: 'buyer',
};
const made = {
  id: 'tr_1',
  amountMinor: 68_400n,
  amountReversedMinor: 0n,
  currency: 'USD',
  destinationAccountId: 'acct_1',
  transferGroup: 't1',
  tradeId: 't1',
  step: 'transfer',
};

function setup(options: { enabled?: boolean; row?: Partial<TradeTransferEntity>; created?: boolean } = {}) {
  const row = {
    amountMinor: 68_400n,
    currency: 'USD',
    destinationAccountId: 'acct_1',
    stripeTransferId: null,
    ...options.row,
  } as TradeTransferEntity;
  const gateway = {
    createTransfer: jest.fn().mockResolvedValue(made),
    listTransfers: jest.fn().mockResolvedValue([]),
  };
  const transfers = {
    begin: jest.fn().mockResolvedValue({ row, created: options.created ?? true }),
    recordCreated: jest.fn(),
    recordFailure: jest.fn(),
  };
  const manager = {} as EntityManager;
  const useCase = new TransferProceedsUseCase(
    { transaction: (work: (m: EntityManager) => unknown) => work(manager) } as unknown as DataSource,
    gateway as unknown as PaymentGateway,
    {
      find: jest
        .fn()
        .mockResolvedValue(
          options.enabled === false ? null : { payoutsEnabled: true, stripeAccountId: 'acct_1' },
        ),
    } as unknown as PayoutAccounts,
    transfers as unknown as TradeTransferRepository,
    {
      tradeBalances: jest.fn().mockResolvedValue({ escrow_held: 72_000n, seller_payable: 0n }),
    } as unknown as LedgerService,
    { append: jest.fn() } as unknown as AuditService,
    new SystemClock(),
  );
  return { useCase, gateway, transfers };
}

describe('TransferProceedsUseCase', () => {
  it('transfers the amount to the seller’s account as step "transfer" and records it', async () => {
    const { useCase, gateway, transfers } = setup();
    expect(await useCase.execute(trade, 68_400n)).toEqual({ transferId: 'tr_1' });
    expect(gateway.createTransfer).toHaveBeenCalledWith({
      tradeId: 't1',
      step: 'transfer',
      amountMinor: 68_400n,
      currency: 'USD',
      destinationAccountId: 'acct_1',
    });
    expect(gateway.listTransfers).not.toHaveBeenCalled();
    expect(transfers.recordCreated).toHaveBeenCalledWith(
      expect.anything(),
      't1',
      'transfer',
      'tr_1',
      expect.any(Date),
    );
  });

  it('refuses a seller without payouts, and a non-positive amount, before anything is written', async () => {
    const disabled = setup({ enabled: false });
    await expect(disabled.useCase.execute(trade, 68_400n)).rejects.toBeInstanceOf(PayoutsNotEnabledError);
    await expect(setup().useCase.execute(trade, 0n)).rejects.toMatchObject({ code: 'validation_failed' });
    expect(disabled.transfers.begin).not.toHaveBeenCalled();
  });

  it('returns a recorded transfer without asking Stripe again', async () => {
    const { useCase, gateway } = setup({ row: { stripeTransferId: 'tr_0' }, created: false });
    expect(await useCase.execute(trade, 68_400n)).toEqual({ transferId: 'tr_0' });
    expect(gateway.createTransfer).not.toHaveBeenCalled();
  });

  it('after an unrecorded try, finds the transfer Stripe made instead of making another', async () => {
    const { useCase, gateway } = setup({ created: false });
    gateway.listTransfers.mockResolvedValue([{ ...made, id: 'tr_lost' }]);
    expect(await useCase.execute(trade, 68_400n)).toEqual({ transferId: 'tr_lost' });
    expect(gateway.createTransfer).not.toHaveBeenCalled();
  });

  it('refuses another amount for the step, and records Stripe’s refusal on the row', async () => {
    await expect(setup({ row: { amountMinor: 1n } }).useCase.execute(trade, 68_400n)).rejects.toMatchObject({
      code: 'transfer_amount_conflict',
    });
    const { useCase, gateway, transfers } = setup();
    gateway.createTransfer.mockRejectedValue(
      new PaymentRequestRejectedError('transfer_rejected', 'no funds'),
    );
    await expect(useCase.execute(trade, 68_400n)).rejects.toMatchObject({ code: 'transfer_rejected' });
    expect(transfers.recordFailure).toHaveBeenCalledWith(
      't1',
      'transfer',
      'transfer_rejected',
      'no funds',
      expect.any(Date),
    );
    expect(transfers.recordCreated).not.toHaveBeenCalled();
  });

  it('never transfers more than the trade holds', async () => {
    const { useCase, gateway } = setup({ row: { amountMinor: 80_000n } });
    await expect(useCase.execute(trade, 80_000n)).rejects.toMatchObject({ code: 'escrow_insufficient' });
    expect(gateway.createTransfer).not.toHaveBeenCalled();
  });
});
