import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ReconcileEscrowUseCase } from '@carryover/escrow';
import { JobHandlerRegistry } from '@carryover/jobs';
import { DomainError } from '@carryover/shared';

/** Escrow's maintenance job: reconciliation of the ledger with the payment provider; the handler only delegates. */
@Injectable()
export class EscrowMaintenanceProcessor implements OnModuleInit {
  private readonly logger = new Logger(EscrowMaintenanceProcessor.name);

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly reconcile: ReconcileEscrowUseCase,
  ) {}

  onModuleInit(): void {
    this.registry.register('maintenance.reconcile', async () => {
      try {
        const summary = await this.reconcile.execute();
        if (summary.differencesOpened + summary.differencesResolved + summary.tradesFailed > 0) {
          this.logger.log(summary, 'Escrow reconciled');
        }
      } catch (error) {
        // Another process is running it right now: this run has nothing to add.
        if (error instanceof DomainError && error.code === 'reconciliation_running') return;
        throw error;
      }
    });
  }
}
