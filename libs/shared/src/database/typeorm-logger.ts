import { Logger as NestLogger } from '@nestjs/common';
import type { Logger, QueryRunner } from 'typeorm';

/**
 * Routes TypeORM's messages into the application log without query parameters, which can hold
 * password hashes, e-mails or amounts. Failed queries are debug-level: most are expected outcomes
 * (a unique violation that becomes 409) and the error that matters is logged where it is handled.
 */
export class DatabaseLogger implements Logger {
  private readonly logger = new NestLogger('Database');

  logQuery(_query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {}

  logQueryError(error: string | Error, query: string): void {
    this.logger.debug(`query failed (${error instanceof Error ? error.message : error}): ${query}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${query}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.log(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}
