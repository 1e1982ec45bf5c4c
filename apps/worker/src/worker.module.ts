import { EscrowPaymentsModule } from '@carryover/escrow';
import { JobsModule, JobsWorkerModule, OutboxRelayModule } from '@carryover/jobs';
import { MarketModule } from '@carryover/market';
import { NotificationsWorkerModule } from '@carryover/notifications';
import { SettlementModule } from '@carryover/settlement';
import { ClockModule, DomainEventsModule, RedisModule } from '@carryover/shared';
import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { validateWorkerEnv, type WorkerEnv } from './config/worker.env';
import { initializeDataSource, workerTypeOrmOptions } from './database/worker-data-source';
import { EscrowMaintenanceProcessor } from './processors/escrow-maintenance.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { MarketMaintenanceProcessor } from './processors/market-maintenance.processor';
import { NotificationsProcessor } from './processors/notifications.processor';
import { PaymentsProcessor } from './processors/payments.processor';
import { SettlementProcessor } from './processors/settlement.processor';

/** The worker process: config, logging, database, the domains its jobs use, queues and processors. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateWorkerEnv }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<WorkerEnv, true>) => ({
        pinoHttp: { level: config.get('LOG_LEVEL', { infer: true }) },
      }),
    }),
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: workerTypeOrmOptions,
      dataSourceFactory: initializeDataSource,
    }),
    // The global providers the domain modules expect, as the API registers them.
    ClockModule,
    DomainEventsModule,
    RedisModule,
    MarketModule,
    EscrowPaymentsModule,
    NotificationsWorkerModule,
    SettlementModule,
    JobsModule,
    OutboxRelayModule.forRoot(),
    JobsWorkerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<WorkerEnv, true>) => ({
        concurrency: config.get('WORKER_CONCURRENCY', { infer: true }),
        lockDurationMs: config.get('WORKER_LOCK_DURATION_MS', { infer: true }),
        stalledIntervalMs: config.get('WORKER_STALLED_INTERVAL_MS', { infer: true }),
        maxStalledCount: config.get('WORKER_MAX_STALLED_COUNT', { infer: true }),
      }),
    }),
  ],
  providers: [
    MaintenanceProcessor,
    MarketMaintenanceProcessor,
    EscrowMaintenanceProcessor,
    NotificationsProcessor,
    SettlementProcessor,
    PaymentsProcessor,
  ],
})
export class WorkerModule {}
