import { AuditEventEntity } from './audit-event.entity';

/** Tables owned by libs/audit, for the one DataSource in migrations/data-source.ts. */
export const AUDIT_ENTITIES = [AuditEventEntity];
