import { Injectable } from '@nestjs/common';
import { Clock } from '@carryover/shared';
import { JobsRedisClient } from '../redis/jobs-redis-client.service';

/** The time a worker last ran its heartbeat job, kept in `<prefix>:worker:heartbeat` for operators and health checks. */
@Injectable()
export class WorkerHeartbeat {
  constructor(
    private readonly redis: JobsRedisClient,
    private readonly clock: Clock,
  ) {}

  get key(): string {
    return this.redis.key('worker', 'heartbeat');
  }

  async beat(): Promise<Date> {
    const at = this.clock.now();
    await this.redis.client.set(this.key, at.toISOString());
    return at;
  }

  async lastBeatAt(): Promise<Date | null> {
    const stored = await this.redis.client.get(this.key);
    return stored === null ? null : new Date(stored);
  }
}
