/** Tables owned by libs/shared (cross-cutting infrastructure). */
export const SHARED_ENTITIES: Function[] = [];
