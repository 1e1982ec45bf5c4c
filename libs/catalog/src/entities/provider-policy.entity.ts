import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '@carryover/shared';
import type { CreditSource, ResalePolicy, TransferMethod } from '../domain/policy';

/** One immutable version of a provider's policy; the database refuses updates and deletes. */
@Entity({ name: 'provider_policies' })
export class ProviderPolicyEntity {
  @PrimaryColumn('text')
  providerCode!: string;

  @PrimaryColumn('integer')
  version!: number;

  @Column('text')
  resale!: ResalePolicy;

  @Column('text', { array: true })
  transferMethods!: TransferMethod[];

  @Column('integer')
  minDaysToExpiry!: number;

  @Column('text', { array: true })
  resaleableSources!: CreditSource[];

  @Column('boolean')
  buyerSameLegalEntityOnly!: boolean;

  @Column('char', { length: 2, array: true, nullable: true })
  buyerRegions!: string[] | null;

  @Column('bigint', { nullable: true, transformer: bigintTransformer })
  maxLotFaceValueMinor!: bigint | null;

  @Column('text')
  notes!: string;

  @Column('text', { nullable: true })
  sourceUrl!: string | null;

  @Column('uuid', { nullable: true })
  createdByUserId!: string | null;

  @Column('timestamptz', { default: () => "date_trunc('milliseconds', now())" })
  createdAt!: Date;
}
