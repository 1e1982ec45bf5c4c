import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { CommonEnv } from '@carryover/shared';

/** Everything the HTTP API reads from its environment, validated at boot (see .env.example). */
export class ApiEnv extends CommonEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters (e.g. openssl rand -base64 48)' })
  JWT_SECRET!: string;

  @IsInt()
  @Min(60)
  @Max(86_400)
  JWT_TTL_SECONDS: number = 3600;

  @IsInt()
  @Min(1)
  @Max(10_000)
  AUTH_RATE_LIMIT_PER_MINUTE: number = 20;

  @IsInt()
  @Min(1_024)
  @Max(10 * 1024 * 1024)
  BODY_LIMIT_BYTES: number = 100 * 1024;

  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  TRUST_PROXY: boolean = false;

  /** Platform fee charged to the seller, in basis points of the trade's gross (500 = 5%). */
  @IsInt()
  @Min(0)
  @Max(10_000)
  PLATFORM_FEE_BPS: number = 500;

  @IsOptional()
  @IsString()
  ADMIN_CONSOLE_DIR?: string;

  /** Directory of the built firm portal served at /app (default dist/portal). */
  @IsOptional()
  @IsString()
  PORTAL_DIR?: string;

  /** Stripe secret key; with STRIPE_API_URL unset the API talks to Stripe itself. */
  @IsOptional()
  @Matches(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, {
    message: 'STRIPE_SECRET_KEY must be a Stripe secret key',
  })
  STRIPE_SECRET_KEY?: string;

  /** Base URL of a Stripe emulator (tests, npm run local) used instead of api.stripe.com. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  STRIPE_API_URL?: string;

  /** Stripe publishable key for Stripe Elements in the portal (with Stripe itself, not the emulator). */
  @IsOptional()
  @Matches(/^pk_(test|live)_[A-Za-z0-9_]+$/, {
    message: 'STRIPE_PUBLISHABLE_KEY must be a Stripe publishable key (pk_...)',
  })
  STRIPE_PUBLISHABLE_KEY?: string;

  /** Signing secret of the Stripe webhook endpoint (whsec_...). */
  @IsOptional()
  @IsString()
  @MinLength(8)
  STRIPE_WEBHOOK_SECRET?: string;

  /** Base URL of the web app; Stripe onboarding links return the seller there. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PUBLIC_APP_URL?: string;

  /** Let webhook endpoints point to loopback/private addresses; unset: refused in production only. */
  @IsOptional()
  @IsIn(['true', 'false'])
  WEBHOOK_ALLOW_PRIVATE_HOSTS?: 'true' | 'false';
}
