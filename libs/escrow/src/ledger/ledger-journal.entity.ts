import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One balanced posting; append-only, unique per (trade, step) or per idempotency key. */
@Entity({ name: 'ledger_journals' })
export class LedgerJournalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  tradeId!: string | null;

  @Column({ type: 'text', nullable: true })
  idempotencyKey!: string | null;

  @Column({ type: 'text' })
  step!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'timestamptz' })
  postedAt!: Date;
}
