import { JobsModule, JobsWorkerModule } from '@carryover/jobs';
import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { validateWorkerEnv, type WorkerEnv } from './config/worker.env';
import { initializeDataSource, workerTypeOrmOptions } from './database/worker-data-source';
import { MaintenanceProcessor } from './processors/maintenance.processor';

/** The worker process: config, logging, database, queues, and the processors that handle every job. */
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
    JobsModule,
    JobsWorkerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<WorkerEnv, true>) => ({
        concurrency: config.get('WORKER_CONCURRENCY', { infer: true }),
      }),
    }),
  ],
  providers: [MaintenanceProcessor],
})
export class WorkerModule {}
