import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { ApiModule, type ApiModuleOptions } from './api.module';
import { installBodyParsing } from './http/body-parsing';
import { installStaticWebApp } from './http/static-web-app';
import { installSwagger } from './http/swagger';
import { createValidationPipe } from './http/validation.pipe';

/** With Stripe itself and a publishable key, the portal takes cards with Stripe Elements, served by Stripe. */
const STRIPE_ELEMENTS_SOURCES = {
  'script-src': ["'self'", 'https://js.stripe.com'],
  'frame-src': ['https://js.stripe.com', 'https://hooks.stripe.com'],
  'connect-src': ["'self'", 'https://api.stripe.com'],
};

function takesCardsWithStripeElements(config: ConfigService): boolean {
  return Boolean(config.get<string>('STRIPE_PUBLISHABLE_KEY')) && !config.get<string>('STRIPE_API_URL');
}

/** Builds the HTTP application exactly as production runs it; the e2e tests use this too. */
export async function createApiApp(options: ApiModuleOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(options), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  const config = app.get(ConfigService);
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.getOrThrow<boolean>('TRUST_PROXY'));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI styles itself inline; scripts stay same-origin only.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          ...(takesCardsWithStripeElements(config) ? STRIPE_ELEMENTS_SOURCES : {}),
        },
      },
    }),
  );
  installBodyParsing(app, config.getOrThrow<number>('BODY_LIMIT_BYTES'));
  installStaticWebApp(app, {
    path: '/admin',
    directory: config.get<string>('ADMIN_CONSOLE_DIR') ?? 'dist/admin',
    title: 'operator console',
    buildCommand: 'npm run build:admin',
  });
  installStaticWebApp(app, {
    path: '/app',
    directory: config.get<string>('PORTAL_DIR') ?? 'dist/portal',
    title: 'firm portal',
    buildCommand: 'npm run build:portal',
  });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  installSwagger(app);
  return app;
}
