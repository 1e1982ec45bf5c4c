import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AuditModule } from '@carryover/audit';
import { CatalogModule } from '@carryover/catalog';
import { ComplianceModule } from '@carryover/compliance';
import { CreditsModule } from '@carryover/credits';
import { EscrowLedgerModule, EscrowPaymentsModule } from '@carryover/escrow';
import { MarketModule } from '@carryover/market';
import { NotificationsModule } from '@carryover/notifications';
import { QueueAdminModule } from '@carryover/jobs';
import { IdentityModule } from '@carryover/identity';
import { SettlementModule } from '@carryover/settlement';
import { buildDataSourceOptions } from '@carryover/migrations';
import { ClockModule, DomainEventsModule, RedisModule, validateEnv, type LogLevel } from '@carryover/shared';
import { AdminAuditController } from './audit/admin-audit.controller';
import { ClientConfigController } from './client/client-config.controller';
import { AdminAuditChainController } from './audit/admin-audit-chain.controller';
import { AuthenticationGuard } from './auth/authentication.guard';
import { AdminProvidersController } from './catalog/admin-providers.controller';
import { ProvidersController } from './catalog/providers.controller';
import { AdminOrganizationsController } from './compliance/admin-organizations.controller';
import { AdminReviewsController } from './compliance/admin-reviews.controller';
import { AdminCreditLotsController } from './credits/admin-credit-lots.controller';
import { CreditLotsController } from './credits/credit-lots.controller';
import { AdminLedgerController } from './escrow/admin-ledger.controller';
import { AdminReconciliationController } from './escrow/admin-reconciliation.controller';
import { StripeWebhooksController } from './escrow/stripe-webhooks.controller';
import { PayoutsController } from './escrow/payouts.controller';
import { TradePaymentsController } from './escrow/trade-payments.controller';
import { ListingsController } from './market/listings.controller';
import { MarketsController } from './market/markets.controller';
import { AdminMarketStatsController } from './market/admin-market-stats.controller';
import { OrdersController } from './market/orders.controller';
import { TradesController } from './market/trades.controller';
import { AdminDisputesController } from './settlement/admin-disputes.controller';
import { AdminTradesController } from './settlement/admin-trades.controller';
import { TradeSettlementController } from './settlement/trade-settlement.controller';
import { JwtStrategy } from './auth/jwt.strategy';
import { RolesGuard } from './auth/roles.guard';
import { ApiEnv } from './config/api.env';
import { IdempotencyModule } from './http/idempotency/idempotency.module';
import { loggerParams } from './http/logging';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { ApiKeysController } from './identity/api-keys.controller';
import { AuthController } from './identity/auth.controller';
import { MeController } from './identity/me.controller';
import { MembersController } from './identity/members.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { WebhookEndpointsController } from './notifications/webhook-endpoints.controller';
import { HealthController } from './ops/health.controller';
import { MetricsController } from './ops/metrics.controller';
import { AdminQueuesController } from './ops/admin-queues.controller';
import { MetricsMiddleware } from './ops/metrics.middleware';
import { MetricsService } from './ops/metrics.service';
import { RedisHealthIndicator } from './ops/redis.health';

export interface ApiModuleOptions {
  /** Where logs go; stdout when omitted (tests capture them to check nothing secret is logged). */
  logDestination?: DestinationStream;
  /** Environment to validate instead of process.env. */
  env?: Record<string, unknown>;
}

@Module({})
export class ApiModule implements NestModule {
  static forRoot(options: ApiModuleOptions = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          validate: (raw) => validateEnv(ApiEnv, { ...raw, ...options.env }),
        }),
        LoggerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) =>
            loggerParams(config.getOrThrow<LogLevel>('LOG_LEVEL'), options.logDestination),
        }),
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) =>
            buildDataSourceOptions({
              url: config.getOrThrow<string>('DATABASE_URL'),
              poolSize: config.getOrThrow<number>('DATABASE_POOL_SIZE'),
              applicationName: 'carryover-api',
            }),
        }),
        ThrottlerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            throttlers: [
              { name: 'auth', ttl: 60_000, limit: config.getOrThrow<number>('AUTH_RATE_LIMIT_PER_MINUTE') },
            ],
            storage: new ThrottlerStorageRedisService(config.getOrThrow<string>('REDIS_URL'), {
              keyPrefix: `${config.getOrThrow<string>('REDIS_KEY_PREFIX')}:throttle:`,
              maxRetriesPerRequest: 2,
            }),
          }),
        }),
        ClockModule,
        DomainEventsModule,
        RedisModule,
        PassportModule,
        TerminusModule,
        AuditModule,
        IdentityModule,
        IdempotencyModule,
        CatalogModule,
        ComplianceModule,
        CreditsModule,
        MarketModule,
        EscrowLedgerModule,
        EscrowPaymentsModule,
        SettlementModule,
        NotificationsModule,
        QueueAdminModule,
      ],
      controllers: [
        AuthController,
        MeController,
        MembersController,
        ApiKeysController,
        ProvidersController,
        AdminProvidersController,
        AdminReviewsController,
        AdminOrganizationsController,
        CreditLotsController,
        AdminCreditLotsController,
        ListingsController,
        OrdersController,
        TradesController,
        MarketsController,
        AdminLedgerController,
        AdminReconciliationController,
        TradePaymentsController,
        TradeSettlementController,
        AdminTradesController,
        AdminDisputesController,
        PayoutsController,
        StripeWebhooksController,
        AdminAuditController,
        AdminAuditChainController,
        AdminQueuesController,
        AdminMarketStatsController,
        HealthController,
        MetricsController,
        WebhookEndpointsController,
        NotificationsController,
        ClientConfigController,
      ],
      providers: [
        JwtStrategy,
        MetricsService,
        RedisHealthIndicator,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        // Order matters: authenticate first, then check the role.
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(MetricsMiddleware).forRoutes('*path');
  }
}
