import type { DataSource } from 'typeorm';
import { call, type Auth, type BenchApi } from '../market/bench-stack';

/** The people of a settlement run: an operator, a seller with payouts enabled, a buyer. */
export interface Parties {
  operator: Auth;
  seller: Auth;
  buyer: Auth;
}

export interface DriveResult {
  settled: number;
  elapsedMs: number;
  /** From the buyer's payment to settled, per trade, ascending. */
  latenciesMs: number[];
  /** Trades that ended elsewhere or were still moving at the deadline, by status. */
  unfinished: Record<string, number>;
  /** When each trade's payment request was sent (epoch ms). */
  paidAt: Map<string, number>;
}

/**
 * Takes trades awaiting payment to settled, keeping `inFlight` of them moving at once: the buyer pays, and
 * as the worker brings a trade to a person's step, the seller submits the transfer and the operator
 * approves it, all over HTTP. The statuses of every trade in flight are read in one query per poll.
 */
export async function driveToSettled(
  api: BenchApi,
  db: DataSource,
  parties: Parties,
  tradeIds: readonly string[],
  options: { inFlight: number; pollMs: number; deadlineMs: number },
): Promise<DriveResult> {
  const queue = [...tradeIds];
  const moving = new Set<string>();
  const paidAt = new Map<string, number>();
  const acted = new Set<string>();
  const latenciesMs: number[] = [];
  const pending = new Set<Promise<void>>();
  const started = Date.now();
  const act = (work: Promise<unknown>): void => {
    const task = work.then(() => undefined);
    pending.add(task);
    void task.finally(() => pending.delete(task));
  };
  const admit = (): void => {
    while (moving.size < options.inFlight && queue.length > 0) {
      const id = queue.shift() as string;
      moving.add(id);
      paidAt.set(id, Date.now());
      act(
        call(api, 'POST', `/v1/trades/${id}/payment`, {
          auth: parties.buyer,
          body: { paymentMethodId: 'pm_card_visa' },
          expect: 200,
        }),
      );
    }
  };
  let unfinished: Record<string, number> = {};
  admit();
  while (moving.size > 0) {
    if (Date.now() - started > options.deadlineMs) break;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
    const rows = (await db.query(`SELECT id, status FROM trades WHERE id = ANY($1::uuid[])`, [
      [...moving],
    ])) as Array<{ id: string; status: string }>;
    for (const { id, status } of rows) {
      const step = `${id}:${status}`;
      if (status === 'settled') {
        latenciesMs.push(Date.now() - (paidAt.get(id) as number));
        moving.delete(id);
      } else if (status === 'transfer_pending' && !acted.has(step)) {
        acted.add(step);
        act(
          call(api, 'POST', `/v1/trades/${id}/transfer`, {
            auth: parties.seller,
            body: { reference: `BENCH-${id.slice(0, 8)}` },
            expect: 200,
          }),
        );
      } else if (status === 'verifying' && !acted.has(step)) {
        acted.add(step);
        act(
          call(api, 'POST', `/v1/admin/trades/${id}/verification`, {
            auth: parties.operator,
            body: { decision: 'approve', reason: 'benchmark' },
            expect: 200,
          }),
        );
      } else if (['refunded', 'cancelled', 'partially_refunded', 'disputed'].includes(status)) {
        unfinished[status] = (unfinished[status] ?? 0) + 1;
        moving.delete(id);
      }
    }
    admit();
  }
  const elapsedMs = Date.now() - started;
  await Promise.allSettled([...pending]);
  if (moving.size > 0) {
    const rows = (await db.query(`SELECT status FROM trades WHERE id = ANY($1::uuid[])`, [
      [...moving],
    ])) as Array<{ status: string }>;
    for (const { status } of rows) unfinished = { ...unfinished, [status]: (unfinished[status] ?? 0) + 1 };
  }
  return {
    settled: latenciesMs.length,
    elapsedMs,
    latenciesMs: latenciesMs.sort((a, b) => a - b),
    unfinished,
    paidAt,
  };
}
