export const AUDIT_ENTITIES: Function[] = [];
