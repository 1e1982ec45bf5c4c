import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClockModule } from '@carryover/shared';
import { LEDGER_ENTITIES } from './ledger/ledger-entities';
import { LedgerRepository } from './ledger/ledger.repository';
import { LedgerService } from './ledger/ledger.service';

/** The double-entry ledger: accounts, journals and entries, posted through LedgerService. */
@Module({
  imports: [TypeOrmModule.forFeature(LEDGER_ENTITIES), ClockModule],
  providers: [LedgerRepository, LedgerService],
  exports: [LedgerService],
})
export class EscrowLedgerModule {}
