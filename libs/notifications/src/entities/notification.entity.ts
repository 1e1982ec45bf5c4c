import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An in-app notification for every member of an organisation; at most one per (event, organisation). */
@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('uuid')
  eventId!: string;

  /** The event type it tells about, e.g. `trade.funded`. */
  @Column('text')
  kind!: string;

  @Column('text')
  title!: string;

  @Column('text')
  body!: string;

  /** Path in the web app, e.g. `/trades/<id>`. */
  @Column('text', { nullable: true })
  link!: string | null;

  @Column('text', { nullable: true })
  subjectType!: string | null;

  @Column('uuid', { nullable: true })
  subjectId!: string | null;

  @Column('timestamptz', { default: () => "date_trunc('milliseconds', now())" })
  createdAt!: Date;
}
