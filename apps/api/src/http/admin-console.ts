import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { static as serveStatic, type Request, type Response } from 'express';

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Carryover console</title></head>
<body><h1>Carryover operator console</h1><p>The console has not been built into this deployment.</p></body></html>`;

/** Serves the built operator console at /admin, falling back to index.html for client-side routes. */
export function installAdminConsole(app: NestExpressApplication, directory: string | undefined): void {
  const root = resolve(directory ?? join(process.cwd(), 'apps/admin/dist'));
  const index = join(root, 'index.html');
  if (existsSync(index)) {
    app.use('/admin', serveStatic(root, { index: false, maxAge: '1h' }));
    app.use(/^\/admin(\/.*)?$/, (request: Request, response: Response, next: () => void) =>
      request.method === 'GET' ? response.sendFile(index) : next(),
    );
    return;
  }
  app.use(/^\/admin(\/.*)?$/, (request: Request, response: Response, next: () => void) =>
    request.method === 'GET' ? response.type('html').send(NOT_BUILT) : next(),
  );
}
