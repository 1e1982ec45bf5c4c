import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '@carryover/shared';
import type { LedgerAccountCode } from './ledger.types';

/** One line of a journal, signed: debit positive, credit negative. Append-only. */
@Entity({ name: 'ledger_entries' })
export class LedgerEntryEntity {
  @PrimaryColumn({
    type: 'bigint',
    generated: 'identity',
    generatedIdentity: 'ALWAYS',
    insert: false,
    update: false,
    transformer: bigintTransformer,
  })
  id!: bigint;

  @Column({ type: 'uuid' })
  journalId!: string;

  @Column({ type: 'text' })
  accountCode!: LedgerAccountCode;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;
}
