/** Which jobs the relay enqueues per event; the catalogue's OUTBOX_ROUTES unless a test narrows them. */
export const OUTBOX_ROUTES_TOKEN = Symbol('OUTBOX_ROUTES');
export const OUTBOX_RELAY_OPTIONS = Symbol('OUTBOX_RELAY_OPTIONS');

export interface OutboxRelayOptions {
  /** Start relaying at application bootstrap (the worker); tests may drive `drain()` themselves. */
  autoStart: boolean;
  /** The safety-net poll when no NOTIFY arrives (e.g. the listener connection dropped). */
  pollIntervalMs: number;
  batchSize: number;
}

export const DEFAULT_OUTBOX_RELAY_OPTIONS: OutboxRelayOptions = {
  autoStart: true,
  pollIntervalMs: 1_000,
  batchSize: 200,
};
