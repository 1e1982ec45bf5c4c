import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, type TestApi } from '../support/api-app';

describe('the operator console at /admin', () => {
  const build = mkdtempSync(join(tmpdir(), 'carryover-admin-build-'));
  const empty = mkdtempSync(join(tmpdir(), 'carryover-admin-none-'));
  let api: TestApi;

  beforeAll(async () => {
    mkdirSync(join(build, 'assets'));
    writeFileSync(
      join(build, 'index.html'),
      '<!doctype html><html><head><script type="module" src="/admin/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>',
    );
    writeFileSync(join(build, 'assets', 'index-abc123.js'), 'console.log("console");');
    writeFileSync(join(build, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    api = await startApi({ env: { ADMIN_CONSOLE_DIR: build } });
  });
  afterAll(async () => {
    await api.close();
    rmSync(build, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  it('serves index.html, never cached, for the app and every client-side route', async () => {
    for (const path of [
      '/admin',
      '/admin/',
      '/admin/transfers',
      '/admin/transfers/0b6e3c1e-1c1e-4b8e-9a51-000000000000',
    ]) {
      const response = await api.http.get(path).expect(200);
      expect(response.type).toBe('text/html');
      expect(response.text).toContain('<div id="root">');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets as immutable and answers 404 for an asset the build does not have', async () => {
    const asset = await api.http.get('/admin/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.type).toMatch(/javascript/);
    const icon = await api.http.get('/admin/favicon.svg').expect(200);
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');

    const missing = await api.http.get('/admin/assets/index-old999.js').expect(404);
    expect(missing.text).not.toContain('<div id="root">');
  });

  it('lets the app run under the content security policy: scripts from its own origin only', async () => {
    const response = await api.http.get('/admin/transfers').expect(200);
    const csp = response.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).toContain("script-src-attr 'none'");
  });

  it('leaves the API, the docs and health alone', async () => {
    await api.http.get('/health').expect(200);
    await api.http.get('/docs-json').expect(200);
    const unauthenticated = await api.http.get('/v1/me').expect(401);
    expect(unauthenticated.type).toBe('application/problem+json');
    await api.http.post('/admin/transfers').expect(404);
  });

  it('answers 503 with a message saying how to build it when the build is missing', async () => {
    const unbuilt = await startApi({ env: { ADMIN_CONSOLE_DIR: empty } });
    try {
      const response = await unbuilt.http.get('/admin/transfers').expect(503);
      expect(response.text).toContain('not built');
      expect(response.text).toContain('npm run build:admin');
      await unbuilt.http.get('/health').expect(200);
    } finally {
      await unbuilt.close();
    }
  });
});
