import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import { createApiApp } from './create-api-app';

async function bootstrap(): Promise<void> {
  const app = await createApiApp();
  const port = app.get(ConfigService).getOrThrow<number>('PORT');
  await app.listen(port, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  // A bad environment or an unreachable dependency: say which, in one message, and stop.
  console.error(`carryover-api failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
