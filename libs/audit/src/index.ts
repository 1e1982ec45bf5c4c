export * from './audit-actor';
export * from './audit-chain';
export * from './audit-entities';
export * from './audit-event.types';
export * from './audit-hash';
export * from './audit.module';
export * from './audit.service';
