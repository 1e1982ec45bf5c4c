import { MARKET_BUSY, MarketBatches, type MarketItem } from './market-batches';

/** A gate a runner can wait at, opened by the test. */
class Gate {
  closed = false;
  private waiters: Array<() => void> = [];

  async pass(): Promise<void> {
    if (this.closed) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  open(): void {
    this.closed = false;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

/**
 * Runners that record their batches and answer each item doubled. The shared runner answers MARKET_BUSY
 * for markets in `busy`; both fail any batch containing an item in `failOn`.
 */
function fakeRunners(options: { busy?: Set<string>; failOn?: Set<number> } = {}) {
  const busy = options.busy ?? new Set<string>();
  const failOn = options.failOn ?? new Set<number>();
  const log: string[] = [];
  const sharedGate = new Gate();
  const marketGate = new Gate();
  const fail = (items: readonly number[]) => {
    if (items.some((item) => failOn.has(item))) throw new Error(`batch ${items.join(',')} failed`);
  };
  const shared = async (items: ReadonlyArray<MarketItem<number>>) => {
    log.push(`shared ${items.map((entry) => `${entry.market}${entry.item}`).join(' ')}`);
    await sharedGate.pass();
    fail(items.map((entry) => entry.item));
    return items.map((entry) => (busy.has(entry.market) ? MARKET_BUSY : entry.item * 2));
  };
  const market = async (name: string, items: readonly number[]) => {
    log.push(`market ${name} ${items.join(' ')}`);
    await marketGate.pass();
    fail(items);
    return items.map((item) => item * 2);
  };
  return { log, shared, market, sharedGate, marketGate, busy };
}

describe('MarketBatches', () => {
  it('runs a lone item at once, as a shared batch of one', async () => {
    const fake = fakeRunners();
    const batches = new MarketBatches<number, number>(fake.shared, fake.market);
    await expect(batches.submit('a', 21)).resolves.toBe(42);
    expect(fake.log).toEqual(['shared a21']);
  });

  it('gathers what arrives while a batch runs, of any market, into the next batch in arrival order', async () => {
    const fake = fakeRunners();
    fake.sharedGate.closed = true;
    const batches = new MarketBatches<number, number>(fake.shared, fake.market);
    const first = batches.submit('a', 1);
    const rest = [batches.submit('b', 2), batches.submit('a', 3), batches.submit('c', 4)];
    fake.sharedGate.open();
    await expect(first).resolves.toBe(2);
    await expect(Promise.all(rest)).resolves.toEqual([4, 6, 8]);
    expect(fake.log).toEqual(['shared a1', 'shared b2 a3 c4']);
    expect(batches.pending).toBe(0);
  });

  it('never puts more than maxBatch items in one batch', async () => {
    const fake = fakeRunners();
    fake.sharedGate.closed = true;
    const batches = new MarketBatches<number, number>(fake.shared, fake.market, 2);
    const all = [1, 2, 3, 4, 5].map((item) => batches.submit('a', item));
    fake.sharedGate.open();
    await Promise.all(all);
    expect(fake.log).toEqual(['shared a1', 'shared a2 a3', 'shared a4 a5']);
  });

  it('sends a busy market’s items to its own batch, which later items of that market join', async () => {
    const fake = fakeRunners({ busy: new Set(['a']) });
    fake.marketGate.closed = true;
    const batches = new MarketBatches<number, number>(fake.shared, fake.market);
    const busyOne = batches.submit('a', 1);
    const freeOne = batches.submit('b', 2);
    // b is answered by the shared batch while a's own batch still waits for a's lock.
    await expect(freeOne).resolves.toBe(4);
    await new Promise((resolve) => setImmediate(resolve));
    const later = batches.submit('a', 3);
    const other = batches.submit('c', 4);
    await expect(other).resolves.toBe(8);
    fake.busy.clear();
    fake.marketGate.open();
    await expect(busyOne).resolves.toBe(2);
    await expect(later).resolves.toBe(6);
    expect(fake.log).toEqual(['shared a1', 'market a 1', 'shared b2', 'shared c4', 'market a 3']);
  });

  it('when a batch fails, reruns its items in their markets’ batches, then alone: only the failing one is refused', async () => {
    const fake = fakeRunners({ failOn: new Set([3]) });
    fake.sharedGate.closed = true;
    const batches = new MarketBatches<number, number>(fake.shared, fake.market);
    const first = batches.submit('x', 1);
    const rest = [batches.submit('a', 2), batches.submit('a', 3), batches.submit('b', 4)];
    fake.sharedGate.open();
    await first;
    const settled = await Promise.allSettled(rest);
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[0] as PromiseFulfilledResult<number>).value).toBe(4);
    expect(((settled[1] as PromiseRejectedResult).reason as Error).message).toBe('batch 3 failed');
    expect(fake.log).toEqual([
      'shared x1',
      'shared a2 a3 b4',
      'market a 2 3',
      'market b 4',
      'market a 2',
      'market a 3',
    ]);
  });
});
