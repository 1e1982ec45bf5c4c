import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';

/** Injection token for the process's shared ioredis client; its keys are prefixed with REDIS_KEY_PREFIX. */
export const REDIS = Symbol('REDIS');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'end') return;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [ConfigService],
      useFactory: (config: ConfigService) =>
        new Redis(config.getOrThrow<string>('REDIS_URL'), {
          keyPrefix: `${config.getOrThrow<string>('REDIS_KEY_PREFIX')}:`,
          maxRetriesPerRequest: 2,
          connectionName: 'carryover',
        }),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
