export { startStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from './emulator';
export { spawnStripeEmulator, type SpawnedStripeEmulator, type SpawnStripeEmulatorOptions } from './spawn';
export type { StripeEmulatorControl, WebhookEndpointSettings } from './control/control';
export { httpControl } from './control/control-client';
export type { FailOptions, FaultMatch, FaultState, RateLimitOptions } from './faults';
export type { WebhookDelivery, WebhookEndpoint, WebhookRetryPolicy } from './webhooks/webhook-dispatcher';
export { signatureHeader } from './webhooks/signature';
