import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'providers' })
export class ProviderEntity {
  @PrimaryColumn('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('char', { length: 3, array: true })
  currencies!: string[];

  @Column('timestamptz', { default: () => "date_trunc('milliseconds', now())" })
  createdAt!: Date;
}
