import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@carryover/catalog';
import { ComplianceModule } from '@carryover/compliance';
import { CreditsModule } from '@carryover/credits';
import { IdentityModule } from '@carryover/identity';
import { buildDataSourceOptions } from '@carryover/migrations';
import { ClockModule, CommonEnv, DomainEventsModule, RedisModule, validateEnv } from '@carryover/shared';
import { SeedDemoCommand } from './seed-demo.command';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      validate: (raw) => validateEnv(CommonEnv, raw),
    }),
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) =>
        buildDataSourceOptions({
          url: config.getOrThrow<string>('DATABASE_URL'),
          poolSize: 2,
          applicationName: 'carryover-cli',
        }),
    }),
    ClockModule,
    DomainEventsModule,
    RedisModule,
    IdentityModule,
    CatalogModule,
    ComplianceModule,
    CreditsModule,
  ],
  providers: [SeedDemoCommand],
})
export class CliModule {}
