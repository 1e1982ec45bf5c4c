import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '../domain/role';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { nullable: true })
  organizationId!: string | null;

  @Column('text')
  email!: string;

  @Column('text')
  name!: string;

  @Column('text', { select: false })
  passwordHash!: string;

  @Column('text')
  role!: Role;

  @Column('timestamptz', { nullable: true })
  disabledAt!: Date | null;

  /** Millisecond precision, so keyset cursors (which carry a JS Date) compare exactly. */
  @Column('timestamptz', { default: () => "date_trunc('milliseconds', now())" })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
