// The reference of the settlement benchmark: BullMQ no-op jobs through one Worker on the same Redis.
import { Queue, Worker } from 'bullmq';
import { cpuByRole } from './settlement-breakdown';

/**
 * No-op jobs per second through one BullMQ Worker on `redisUrl`, jobs added in bulk beforehand, and the CPU
 * time (this process and Redis) per job.
 */
export async function rawBullmq(
  redisUrl: string,
  options: { prefix: string; jobs: number; concurrency: number },
): Promise<{ perSecond: number; cpuMsPerJob: number }> {
  const { jobs, concurrency } = options;
  const connection = { url: redisUrl };
  const prefix = `${options.prefix}-raw`;
  const queue = new Queue('raw', { connection, prefix });
  for (let added = 0; added < jobs; added += 1_000) {
    await queue.addBulk(
      Array.from({ length: 1_000 }, (_, i) => ({
        name: 'noop',
        data: { i: added + i },
        opts: { removeOnComplete: 1_000, removeOnFail: 1_000 },
      })),
    );
  }
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const cpuBefore = cpuByRole();
  const started = Date.now();
  const worker = new Worker('raw', async () => undefined, {
    connection,
    prefix,
    concurrency,
  });
  worker.on('completed', () => {
    done += 1;
    if (done === jobs) finish();
  });
  await finished;
  const elapsedMs = Date.now() - started;
  const cpuMs = [...cpuByRole()].reduce((sum, [role, ms]) => sum + ms - (cpuBefore.get(role) ?? 0), 0);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { perSecond: jobs / (elapsedMs / 1000), cpuMsPerJob: cpuMs / jobs };
}
