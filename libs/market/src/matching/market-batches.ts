/** Runs one batch of a market's work in one transaction; returns one result per item, in order. */
export type BatchRunner<I, R> = (market: string, items: readonly I[]) => Promise<R[]>;

interface Waiting<I, R> {
  item: I;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit per market. Work for a market is queued; whenever no batch of that market is running, all
 * that waits (up to `maxBatch`) runs as one batch, in arrival order. One transaction, one market lock and
 * one durable commit then serve every request of the batch, instead of each request waiting for the one
 * before it to commit. A request alone runs at once: batches form only from the requests that arrive while
 * one is being written, so nothing waits on a timer.
 *
 * When a batch fails (its transaction rolled back, nothing of it written) each of its items runs again on
 * its own, so a request's error reaches only that request and never costs another its work.
 */
export class MarketBatches<I, R> {
  private readonly queues = new Map<string, Array<Waiting<I, R>>>();

  constructor(
    private readonly run: BatchRunner<I, R>,
    private readonly maxBatch = 100,
  ) {}

  submit(market: string, item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.queues.get(market);
      if (queue) {
        queue.push({ item, resolve, reject });
        return;
      }
      const fresh = [{ item, resolve, reject }];
      this.queues.set(market, fresh);
      void this.drain(market, fresh);
    });
  }

  /** Items waiting or running, per market (for metrics and tests). */
  get pending(): number {
    let count = 0;
    for (const queue of this.queues.values()) count += queue.length;
    return count;
  }

  private async drain(market: string, queue: Array<Waiting<I, R>>): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, this.maxBatch);
      await this.runBatch(market, batch);
    }
    // Checked and removed in the same turn as the last batch ended: a later submit starts a new drain.
    this.queues.delete(market);
  }

  private async runBatch(market: string, batch: Array<Waiting<I, R>>): Promise<void> {
    let results: R[];
    try {
      results = await this.run(
        market,
        batch.map((waiting) => waiting.item),
      );
    } catch (error) {
      if (batch.length === 1) {
        (batch[0] as Waiting<I, R>).reject(error);
        return;
      }
      for (const waiting of batch) await this.runBatch(market, [waiting]);
      return;
    }
    if (results.length !== batch.length) {
      const error = new Error(`a batch of ${batch.length} returned ${results.length} results`);
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => waiting.resolve(results[i] as R));
  }
}
