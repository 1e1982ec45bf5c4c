import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One step of a trade's timeline. */
@Entity({ name: 'trade_events' })
export class TradeEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('uuid')
  tradeId!: string;

  @Column('text')
  status!: string;

  @Column('text')
  actorType!: string;

  @Column('uuid', { nullable: true })
  actorId!: string | null;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('timestamptz')
  at!: Date;
}
