import { Module, type DynamicModule } from '@nestjs/common';
import { JobsModule } from '../jobs.module';
import { OUTBOX_ROUTES, type OutboxRoutes } from './outbox-events';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxService } from './outbox.service';
import {
  DEFAULT_OUTBOX_RELAY_OPTIONS,
  OUTBOX_RELAY_OPTIONS,
  OUTBOX_ROUTES_TOKEN,
  type OutboxRelayOptions,
} from './outbox.tokens';

/** The writing side, for any domain that publishes events: no queues, no Redis. */
@Module({ providers: [OutboxService], exports: [OutboxService] })
export class OutboxModule {}

/** The relay, for the worker: moves committed events to BullMQ. */
@Module({})
export class OutboxRelayModule {
  static forRoot(
    options: Partial<OutboxRelayOptions> = {},
    routes: OutboxRoutes = OUTBOX_ROUTES,
  ): DynamicModule {
    return {
      module: OutboxRelayModule,
      imports: [JobsModule],
      providers: [
        OutboxRelay,
        { provide: OUTBOX_ROUTES_TOKEN, useValue: routes },
        { provide: OUTBOX_RELAY_OPTIONS, useValue: { ...DEFAULT_OUTBOX_RELAY_OPTIONS, ...options } },
      ],
      exports: [OutboxRelay],
    };
  }
}
