import { MarketBatches } from './market-batches';

/** A runner that records its batches and answers each item doubled, failing on items listed in `failOn`. */
function recordingRunner(failOn: ReadonlySet<number> = new Set()) {
  const batches: Array<{ market: string; items: number[] }> = [];
  let release: (() => void) | undefined;
  const gate = { hold: false };
  const run = async (market: string, items: readonly number[]): Promise<number[]> => {
    batches.push({ market, items: [...items] });
    if (gate.hold) await new Promise<void>((resolve) => (release = resolve));
    if (items.some((item) => failOn.has(item))) throw new Error(`item ${items.join(',')} failed`);
    return items.map((item) => item * 2);
  };
  return { batches, run, gate, release: () => release?.() };
}

describe('MarketBatches', () => {
  it('runs a lone item at once, as a batch of one', async () => {
    const runner = recordingRunner();
    const batches = new MarketBatches<number, number>(runner.run);
    await expect(batches.submit('m', 21)).resolves.toBe(42);
    expect(runner.batches).toEqual([{ market: 'm', items: [21] }]);
  });

  it('gathers what arrives while a batch runs into the next batch, in arrival order', async () => {
    const runner = recordingRunner();
    runner.gate.hold = true;
    const batches = new MarketBatches<number, number>(runner.run);
    const first = batches.submit('m', 1);
    const rest = [2, 3, 4].map((item) => batches.submit('m', item));
    runner.gate.hold = false;
    runner.release();
    await expect(first).resolves.toBe(2);
    await expect(Promise.all(rest)).resolves.toEqual([4, 6, 8]);
    expect(runner.batches.map((batch) => batch.items)).toEqual([[1], [2, 3, 4]]);
    expect(batches.pending).toBe(0);
  });

  it('never puts more than maxBatch items in one batch', async () => {
    const runner = recordingRunner();
    runner.gate.hold = true;
    const batches = new MarketBatches<number, number>(runner.run, 2);
    const all = [1, 2, 3, 4, 5].map((item) => batches.submit('m', item));
    runner.gate.hold = false;
    runner.release();
    await Promise.all(all);
    expect(runner.batches.map((batch) => batch.items)).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('keeps markets apart: one market running does not hold another back', async () => {
    const runner = recordingRunner();
    runner.gate.hold = true;
    const batches = new MarketBatches<number, number>(runner.run);
    const held = batches.submit('a', 1);
    runner.gate.hold = false;
    await expect(batches.submit('b', 5)).resolves.toBe(10);
    runner.release();
    await expect(held).resolves.toBe(2);
  });

  it('when a batch fails, runs each of its items alone so only the failing one is refused', async () => {
    const runner = recordingRunner(new Set([3]));
    runner.gate.hold = true;
    const batches = new MarketBatches<number, number>(runner.run);
    const first = batches.submit('m', 1);
    const rest = [2, 3, 4].map((item) => batches.submit('m', item));
    runner.gate.hold = false;
    runner.release();
    await first;
    const settled = await Promise.allSettled(rest);
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[0] as PromiseFulfilledResult<number>).value).toBe(4);
    expect(((settled[1] as PromiseRejectedResult).reason as Error).message).toBe('item 3 failed');
    expect(runner.batches.map((batch) => batch.items)).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });
});
