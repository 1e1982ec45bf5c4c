/** What a shared batch answers for an item whose market's lock someone else holds. */
export const MARKET_BUSY: unique symbol = Symbol('market busy');

export interface MarketItem<I> {
  market: string;
  item: I;
}

/**
 * Runs items of any markets in one transaction, taking each market's lock only if it is free at once;
 * returns one result per item, in order, or MARKET_BUSY for the items of a market it could not lock.
 */
export type SharedBatchRunner<I, R> = (
  items: ReadonlyArray<MarketItem<I>>,
) => Promise<Array<R | typeof MARKET_BUSY>>;

/** Runs items of one market in one transaction, waiting for that market's lock. */
export type MarketBatchRunner<I, R> = (market: string, items: readonly I[]) => Promise<R[]>;

interface Waiting<I, R> extends MarketItem<I> {
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit. Work waits in one queue; whenever no shared batch is running, everything waiting (up to
 * `maxBatch`, whatever its market) runs as one batch: one transaction and one durable commit serve every
 * request in it, instead of each request waiting for the one before it to commit. A request alone runs at
 * once: batches form from the requests that arrive while one is being written, so nothing waits on a timer.
 *
 * A shared batch never waits for a market's lock. The items of a market whose lock is held elsewhere (a
 * listing being matched, another API process) go to that market's own queue, whose batches wait for the
 * lock; until that queue is empty, later items of the market join it, so a market's requests keep their
 * order of arrival and one busy market holds back no other.
 *
 * When a batch fails (its transaction rolled back, nothing of it written) its items run again in their
 * markets' own queues, and an item whose market batch fails runs alone: a request's error reaches only that
 * request and never costs another its work.
 */
export class MarketBatches<I, R> {
  private readonly shared: Array<Waiting<I, R>> = [];
  private sharedRunning = false;
  private readonly perMarket = new Map<string, Array<Waiting<I, R>>>();

  constructor(
    private readonly runShared: SharedBatchRunner<I, R>,
    private readonly runMarket: MarketBatchRunner<I, R>,
    private readonly maxBatch = 100,
  ) {}

  submit(market: string, item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const waiting = { market, item, resolve, reject };
      if (this.perMarket.has(market)) {
        this.enqueueInMarket(waiting);
        return;
      }
      this.shared.push(waiting);
      if (!this.sharedRunning) void this.drainShared();
    });
  }

  /** Items waiting or running. */
  get pending(): number {
    let count = this.shared.length;
    for (const queue of this.perMarket.values()) count += queue.length;
    return count;
  }

  private async drainShared(): Promise<void> {
    this.sharedRunning = true;
    while (this.shared.length > 0) {
      const batch = this.shared.splice(0, this.maxBatch);
      // Items of a market that has since got a queue of its own go behind what waits there.
      const now = batch.filter((waiting) => {
        if (!this.perMarket.has(waiting.market)) return true;
        this.enqueueInMarket(waiting);
        return false;
      });
      if (now.length > 0) await this.runSharedBatch(now);
    }
    this.sharedRunning = false;
  }

  private async runSharedBatch(batch: Array<Waiting<I, R>>): Promise<void> {
    let outcomes: Array<R | typeof MARKET_BUSY>;
    try {
      outcomes = await this.runShared(batch);
    } catch {
      for (const waiting of batch) this.enqueueInMarket(waiting);
      return;
    }
    if (outcomes.length !== batch.length) {
      const error = new Error(`a batch of ${batch.length} returned ${outcomes.length} results`);
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    const done: Array<() => void> = [];
    batch.forEach((waiting, i) => {
      const outcome = outcomes[i] as R | typeof MARKET_BUSY;
      if (outcome === MARKET_BUSY) this.enqueueInMarket(waiting);
      else done.push(() => waiting.resolve(outcome));
    });
    answerLater(done);
  }

  private enqueueInMarket(waiting: Waiting<I, R>): void {
    const queue = this.perMarket.get(waiting.market);
    if (queue) {
      queue.push(waiting);
      return;
    }
    const fresh = [waiting];
    this.perMarket.set(waiting.market, fresh);
    void this.drainMarket(waiting.market, fresh);
  }

  private async drainMarket(market: string, queue: Array<Waiting<I, R>>): Promise<void> {
    // The other items handed over in this same turn (the rest of a busy or failed batch) join the first batch.
    await Promise.resolve();
    while (queue.length > 0) {
      const batch = queue.splice(0, this.maxBatch);
      await this.runMarketBatch(market, batch);
    }
    // Checked and removed in the same turn as the last batch ended: a later item goes to the shared queue.
    this.perMarket.delete(market);
  }

  private async runMarketBatch(market: string, batch: Array<Waiting<I, R>>): Promise<void> {
    let results: R[];
    try {
      results = await this.runMarket(
        market,
        batch.map((waiting) => waiting.item),
      );
    } catch (error) {
      if (batch.length === 1) {
        (batch[0] as Waiting<I, R>).reject(error);
        return;
      }
      for (const waiting of batch) await this.runMarketBatch(market, [waiting]);
      return;
    }
    if (results.length !== batch.length) {
      const error = new Error(`a batch of ${batch.length} returned ${results.length} results`);
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    answerLater(batch.map((waiting, i) => () => waiting.resolve(results[i] as R)));
  }
}

/**
 * Answers a finished batch's requests on the next turn of the event loop, not at once: the requests would
 * otherwise write their responses (a few hundred microseconds each) before the next batch, already waiting,
 * has sent its first statement, and the database would sit idle meanwhile.
 */
function answerLater(answers: ReadonlyArray<() => void>): void {
  if (answers.length > 0) setImmediate(() => answers.forEach((answer) => answer()));
}
