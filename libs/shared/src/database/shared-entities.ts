import { IdempotencyKeyEntity } from '../idempotency/idempotency-key.entity';

/** Tables owned by libs/shared (cross-cutting infrastructure). */
export const SHARED_ENTITIES = [IdempotencyKeyEntity];
