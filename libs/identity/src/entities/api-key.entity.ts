import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganizationRole } from '../domain/role';

@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  role!: OrganizationRole;

  /** The first characters of the key, shown in lists so a holder can tell keys apart. */
  @Column('text')
  prefix!: string;

  @Column('char', { length: 64, select: false })
  keyHash!: string;

  @Column('uuid')
  createdByUserId!: string;

  /** Millisecond precision, so keyset cursors (which carry a JS Date) compare exactly. */
  @Column('timestamptz', { default: () => "date_trunc('milliseconds', now())" })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  lastUsedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;
}
