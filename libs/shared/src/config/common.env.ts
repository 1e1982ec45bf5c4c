import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Variables every Carryover process reads. Each app extends this with its own. */
export class CommonEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE: number = 10;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL!: string;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9:_-]*$/, {
    message: 'REDIS_KEY_PREFIX may hold only letters, digits, ":", "_" and "-"',
  })
  REDIS_KEY_PREFIX: string = 'carryover';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';
}
