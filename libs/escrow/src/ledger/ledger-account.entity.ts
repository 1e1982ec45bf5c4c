import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LedgerAccountCode, NormalSide } from './ledger.types';

/** A row of the chart of accounts; code, side and scope are fixed by a trigger once created. */
@Entity({ name: 'ledger_accounts' })
export class LedgerAccountEntity {
  @PrimaryColumn({ type: 'text' })
  code!: LedgerAccountCode;

  @Column({ type: 'text' })
  normalSide!: NormalSide;

  /** Entries only in trade journals, and each trade's balance never below zero at commit. */
  @Column({ type: 'boolean' })
  tradeScoped!: boolean;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
