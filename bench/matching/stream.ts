/** One step of the benchmark stream, in plain numbers so both books get the identical input. */
export interface StreamOp {
  readonly kind: 'buy' | 'sell' | 'cancel';
  /** The new order's index, or for a cancel the index of an earlier order. */
  readonly ref: number;
  readonly priceBps: number;
  readonly quantityMinor: number;
}

/** mulberry32: a small seeded generator, so every run and every machine sees the same stream. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `orders` limit orders around a mid price (bell-shaped offsets, buys a little below and sells a little
 * above, so about a third of the volume trades), quantities $1..$10,000 in cents, and a cancel of a random earlier order
 * after roughly one order in ten.
 */
export function generateStream(orders: number, seed: number, midBps = 7000): StreamOp[] {
  const random = seededRandom(seed);
  const ops: StreamOp[] = [];
  const offset = (): number => Math.round((random() + random() + random() + random() - 2) * 150);
  for (let i = 0; i < orders; i++) {
    const buy = random() < 0.5;
    const priceBps = Math.min(10_000, Math.max(1, midBps + offset() + (buy ? -20 : 20)));
    const quantityMinor = (1 + Math.floor(random() * 10_000)) * 100;
    ops.push({ kind: buy ? 'buy' : 'sell', ref: i, priceBps, quantityMinor });
    if (i > 0 && random() < 0.1)
      ops.push({ kind: 'cancel', ref: Math.floor(random() * i), priceBps: 0, quantityMinor: 0 });
  }
  return ops;
}
