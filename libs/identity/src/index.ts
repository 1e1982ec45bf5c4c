export const IDENTITY_ENTITIES: Function[] = [];
