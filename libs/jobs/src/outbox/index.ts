export * from './outbox-events';
export * from './outbox-relay.service';
export * from './outbox.module';
export * from './outbox.service';
export * from './outbox.tokens';
