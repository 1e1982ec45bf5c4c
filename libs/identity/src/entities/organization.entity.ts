import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { KycStatus } from '../domain/role';

@Entity({ name: 'organizations' })
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  /** The registered legal entity, which providers' same-entity transfer rules compare. */
  @Column('text')
  legalEntityName!: string;

  @Column('char', { length: 2 })
  country!: string;

  @Column('text', { default: 'pending' })
  kycStatus!: KycStatus;

  @Column('timestamptz', { nullable: true })
  kycDecidedAt!: Date | null;

  @Column('uuid', { nullable: true })
  kycDecidedByUserId!: string | null;

  @Column('text', { nullable: true })
  kycReason!: string | null;

  /** Millisecond precision, so keyset cursors (which carry a JS Date) compare exactly. */
  @Column('timestamptz', { default: () => "date_trunc('milliseconds', now())" })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
