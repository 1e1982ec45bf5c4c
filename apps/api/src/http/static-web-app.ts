import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { static as serveStatic, type NextFunction, type Request, type Response } from 'express';

export interface WebAppMount {
  /** URL path the app is served at, e.g. /admin. */
  path: string;
  /** The Vite build output (index.html and assets/). */
  directory: string;
  /** What to call the app in the message shown when it has not been built. */
  title: string;
  /** The command that builds it. */
  buildCommand: string;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves a built single-page app: hashed files under assets/ cached for a year, other static files for an
 * hour, and index.html (never cached) for every other GET below the path, so client-side routes load.
 * A missing asset is a 404 rather than index.html. Without a build, GETs answer 503 saying how to build it.
 */
export function installStaticWebApp(app: NestExpressApplication, mount: WebAppMount): void {
  const root = resolve(mount.directory);
  const index = join(root, 'index.html');
  const below = new RegExp(`^${mount.path}(/.*)?$`);
  if (!existsSync(index)) {
    app.use(below, (request: Request, response: Response, next: NextFunction) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return next();
      response.status(503).set('Cache-Control', 'no-store').type('html').send(notBuiltPage(mount, root));
    });
    return;
  }
  app.use(
    mount.path,
    serveStatic(root, {
      index: false,
      redirect: false,
      maxAge: '1h',
      setHeaders: (response, file) => {
        if (file.startsWith(join(root, 'assets'))) response.setHeader('Cache-Control', IMMUTABLE);
      },
    }),
  );
  app.use(below, (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    // Mounted on a pattern, request.path is relative to it; the asset check needs the full path.
    const path = request.originalUrl.split('?')[0] ?? '';
    if (path.startsWith(`${mount.path}/assets/`)) {
      response.status(404).type('text').send(`${path} is not part of this build of the ${mount.title}.`);
      return;
    }
    response.set('Cache-Control', 'no-cache').sendFile(index);
  });
}

function notBuiltPage(mount: WebAppMount, root: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Carryover ${mount.title}</title></head>
<body><h1>The Carryover ${mount.title} is not built</h1>
<p>This API serves the ${mount.title} from <code>${escapeHtml(root)}</code>, which holds no build.
Run <code>${escapeHtml(mount.buildCommand)}</code> and restart the API.</p></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
