import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { CommonEnv } from '@carryover/shared';
import { Redis } from 'ioredis';
import { describeRedisEndpoint } from './redis-endpoint';

/** A plain Redis connection for keys outside BullMQ; keys are prefixed by hand, never by ioredis keyPrefix. */
@Injectable()
export class JobsRedisClient implements OnApplicationShutdown {
  readonly client: Redis;
  readonly keyPrefix: string;
  private readonly logger = new Logger(JobsRedisClient.name);

  constructor(config: ConfigService<CommonEnv, true>) {
    const url = config.get('REDIS_URL', { infer: true });
    this.keyPrefix = config.get('REDIS_KEY_PREFIX', { infer: true });
    // Lazy: a process that never touches these keys opens no connection.
    this.client = new Redis(url, { lazyConnect: true });
    this.client.on('error', (error: Error) => {
      this.logger.error(`Redis connection to ${describeRedisEndpoint(url)} failed: ${error.message}`);
    });
  }

  /** Builds `<REDIS_KEY_PREFIX>:<parts...>`. */
  key(...parts: string[]): string {
    return [this.keyPrefix, ...parts].join(':');
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client.status === 'ready') {
      await this.client.quit();
    } else {
      this.client.disconnect();
    }
  }
}
