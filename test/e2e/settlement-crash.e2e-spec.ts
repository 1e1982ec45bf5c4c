import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobQueue, type JobName } from '@carryover/jobs';
import { ReleaseTradeUseCase } from '@carryover/settlement';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { startRedis, type RedisServer } from '../../libs/devstack/src';
import { spawnSettlementWorker, type SpawnedSettlementWorker } from '../support/settlement-worker';
import { eventually } from '../support/stripe-payments';
import {
  ledgerOf,
  matchedTrade,
  payTrade,
  settlementCast,
  startSettlementTestbed,
  tradeOf,
  transfersOf,
  untilStatus,
  type Cast,
  type SettlementTestbed,
} from '../support/settlement-testbed';

/** A killed worker's job stalls once its lock lapses; these make the restarted worker find it in seconds. */
const FAST_STALL = {
  WORKER_LOCK_DURATION_MS: '2000',
  WORKER_STALLED_INTERVAL_MS: '1000',
};

describe('settlement survives crashes: the worker killed mid-release, Redis restarted, jobs delivered twice', () => {
  jest.setTimeout(120_000);

  describe('with the worker as a child process', () => {
    let bed: SettlementTestbed;
    let cast: Cast;
    let worker: SpawnedSettlementWorker | null = null;

    let alive = false;
    const spawnWorker = async () => {
      worker = await spawnSettlementWorker({ api: bed.api, env: FAST_STALL });
      alive = true;
      void worker.exited.then(() => (alive = false));
      return worker;
    };

    beforeAll(async () => {
      bed = await startSettlementTestbed('crash', { worker: false });
      cast = await settlementCast(bed);
      await spawnWorker();
    }, 120_000);
    afterAll(async () => {
      await worker?.stop();
      await bed?.close();
    });

    const http = () => bed.api.http;
    const db = () => bed.api.app.get(DataSource);

    async function verifyingTrade() {
      const trade = await matchedTrade(bed, cast);
      await payTrade(bed, cast, trade.id);
      await untilStatus(bed, cast.sellerTrader, trade.id, 'transfer_pending', 30_000);
      await http()
        .post(`/v1/trades/${trade.id}/transfer`)
        .set(cast.sellerTrader)
        .send({ reference: 'R' })
        .expect(200);
      await untilStatus(bed, cast.sellerTrader, trade.id, 'verifying', 30_000);
      return trade;
    }
    const approve = (tradeId: string) =>
      http()
        .post(`/v1/admin/trades/${tradeId}/verification`)
        .set(cast.operator.auth)
        .send({ decision: 'approve', reason: 'verified' })
        .expect(200);
    const transferRow = async (tradeId: string) =>
      (
        (await db().query(`SELECT status, stripe_transfer_id FROM trade_transfers WHERE trade_id = $1`, [
          tradeId,
        ])) as Array<{ status: string; stripe_transfer_id: string | null }>
      )[0];

    it('SIGKILL in the middle of the Stripe transfer: the restarted worker finishes the trade exactly once', async () => {
      const trade = await verifyingTrade();
      // Every Stripe call now takes 6 s, so the kill lands while the transfer request is in flight; its
      // transfer.created webhook is lost, so only the restarted worker can find out what happened.
      await bed.emulator.control.webhooksIdle();
      await bed.emulator.control.setDelay(6_000);
      await bed.emulator.control.dropNextWebhooks(1);
      await approve(trade.id);
      const inFlight = await eventually(
        async () => ((await transferRow(trade.id))?.status === 'pending' ? transferRow(trade.id) : undefined),
        'the release job to ask Stripe for the transfer',
        20_000,
      );
      expect(inFlight).toEqual({ status: 'pending', stripe_transfer_id: null });
      // The step's row is written just before the request goes out: give it time to reach the emulator.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await worker!.kill();
      expect((await worker!.exited).signal).toBe('SIGKILL');
      // The request the dead worker sent still lands: Stripe made the transfer, nobody recorded it.
      await eventually(
        async () => ((await transfersOf(bed, trade.id)).length === 1 ? true : undefined),
        'the in-flight transfer to land at the emulator',
        20_000,
      );
      expect(await transferRow(trade.id)).toEqual({ status: 'pending', stripe_transfer_id: null });
      expect((await tradeOf(bed, cast.operator.auth, trade.id)).status).toBe('releasing');
      await bed.emulator.control.clearFaults();

      await spawnWorker();
      const settled = await untilStatus(bed, cast.sellerTrader, trade.id, 'settled', 60_000);
      const transfers = await transfersOf(bed, trade.id);
      expect(transfers.map((t) => t.amount)).toEqual([68_400]);
      expect(await transferRow(trade.id)).toMatchObject({ stripe_transfer_id: transfers[0]?.id });
      expect(await ledgerOf(bed, trade.id)).toEqual([
        { step: 'fund', amountMinor: 72_000, net: 0 },
        { step: 'release', amountMinor: 72_000, net: 0 },
        { step: 'payout', amountMinor: 68_400, net: 0 },
      ]);
      expect(settled.timeline.filter((e: { status: string }) => e.status === 'settled')).toHaveLength(1);
    });

    it('the same release run three times at once, then its job delivered again, pays once and settles once', async () => {
      if (!alive) await spawnWorker();
      const trade = await verifyingTrade();
      await worker!.stop();
      worker = null;
      await approve(trade.id);
      const release = bed.api.app.get(ReleaseTradeUseCase);
      const outcomes = await Promise.allSettled([1, 2, 3].map(() => release.execute(trade.id)));
      expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'settled')).toHaveLength(1);
      expect((await tradeOf(bed, cast.operator.auth, trade.id)).status).toBe('settled');

      // The queued payments.release job and duplicates of every step job run against the settled trade.
      await spawnWorker();
      const jobQueue = bed.api.app.get(JobQueue);
      const duplicates: Array<{ name: JobName; queue: string; jobId: string }> = [];
      for (const [name, event, queue] of [
        ['payments.release', 'trade.releasing', 'payments'],
        ['payments.refund', 'trade.refunding', 'payments'],
        ['payments.partial-refund', 'trade.dispute_resolved', 'payments'],
        ['settlement.advance', 'trade.funded', 'settlement'],
      ] as const) {
        const jobId = `duplicate-${randomUUID()}`;
        const payload = {
          eventId: jobId,
          name: event,
          occurredAt: new Date().toISOString(),
          payload: {
            tradeId: trade.id,
            status: event.slice('trade.'.length),
            previousStatus: null,
            buyerOrganizationId: cast.buyer.organizationId,
            sellerOrganizationId: cast.seller.organizationId,
          },
        };
        await jobQueue.enqueue(name, payload as never, { jobId });
        duplicates.push({ name, queue, jobId });
      }
      for (const { queue, jobId } of duplicates) {
        const q = bed.api.app.get<Queue>(getQueueToken(queue));
        await eventually(
          async () => ((await q.getJobState(jobId)) === 'completed' ? true : undefined),
          `${jobId} completed`,
          30_000,
        );
      }
      const after = await tradeOf(bed, cast.operator.auth, trade.id);
      expect(after.status).toBe('settled');
      expect(after.timeline.map((e: { status: string }) => e.status)).toEqual([
        'awaiting_payment',
        'funded',
        'transfer_pending',
        'transfer_submitted',
        'verifying',
        'releasing',
        'settled',
      ]);
      expect((await transfersOf(bed, trade.id)).map((t) => t.amount)).toEqual([68_400]);
      expect(await ledgerOf(bed, trade.id)).toEqual([
        { step: 'fund', amountMinor: 72_000, net: 0 },
        { step: 'release', amountMinor: 72_000, net: 0 },
        { step: 'payout', amountMinor: 68_400, net: 0 },
      ]);
    });
  });

  describe('with a Redis of its own, restarted mid-flow', () => {
    let redisDir: string;
    let redis: RedisServer;
    let bed: SettlementTestbed;
    let cast: Cast;

    beforeAll(async () => {
      redisDir = mkdtempSync(join(tmpdir(), 'carryover-settlement-redis-'));
      redis = await startRedis({ persistent: true, dir: redisDir });
      bed = await startSettlementTestbed('redis', { apiEnv: { REDIS_URL: redis.url } });
      cast = await settlementCast(bed);
    }, 120_000);
    afterAll(async () => {
      await bed?.close();
      await redis?.stop();
      rmSync(redisDir, { recursive: true, force: true });
    });

    it('loses nothing: a step committed while Redis is down waits in the outbox and runs once Redis is back', async () => {
      const trade = await matchedTrade(bed, cast);
      await payTrade(bed, cast, trade.id);
      await untilStatus(bed, cast.sellerTrader, trade.id, 'transfer_pending', 30_000);

      const port = redis.port;
      await redis.stop();
      await bed.api.http
        .post(`/v1/trades/${trade.id}/transfer`)
        .set(cast.sellerTrader)
        .send({ reference: 'WHILE-REDIS-DOWN' })
        .expect(200);
      const pending = (await bed.api.app
        .get(DataSource)
        .query(
          `SELECT relayed_at FROM outbox_events WHERE name = 'trade.transfer_submitted' AND payload->>'tradeId' = $1`,
          [trade.id],
        )) as Array<{ relayed_at: Date | null }>;
      expect(pending).toEqual([{ relayed_at: null }]);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await tradeOf(bed, cast.sellerTrader, trade.id)).status).toBe('transfer_submitted');

      redis = await startRedis({ persistent: true, dir: redisDir, port });
      await untilStatus(bed, cast.sellerTrader, trade.id, 'verifying', 60_000);
      await bed.api.http
        .post(`/v1/admin/trades/${trade.id}/verification`)
        .set(cast.operator.auth)
        .send({ decision: 'approve', reason: 'verified' })
        .expect(200);
      await untilStatus(bed, cast.sellerTrader, trade.id, 'settled', 60_000);
      expect((await transfersOf(bed, trade.id)).map((t) => t.amount)).toEqual([68_400]);
      const relayed = (await bed.api.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM outbox_events WHERE relayed_at IS NULL`)) as Array<{
        n: number;
      }>;
      expect(relayed).toEqual([{ n: 0 }]);
    });
  });
});
