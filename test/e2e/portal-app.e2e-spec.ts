import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, type TestApi } from '../support/api-app';

describe('the firm portal at /app', () => {
  const build = mkdtempSync(join(tmpdir(), 'carryover-portal-build-'));
  const empty = mkdtempSync(join(tmpdir(), 'carryover-portal-none-'));
  const started: TestApi[] = [];
  // The config module copies what it validated into process.env; each API here gets only its own settings.
  const start = async (env: Record<string, unknown>) => {
    const before = { ...process.env };
    try {
      const api = await startApi({ env });
      started.push(api);
      return api;
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in before)) delete process.env[name];
      Object.assign(process.env, before);
    }
  };

  beforeAll(() => {
    mkdirSync(join(build, 'assets'));
    writeFileSync(
      join(build, 'index.html'),
      '<!doctype html><html><head><script type="module" src="/app/assets/index-p0rt4l.js"></script></head><body><div id="root"></div></body></html>',
    );
    writeFileSync(join(build, 'assets', 'index-p0rt4l.js'), 'console.log("portal");');
  });
  afterAll(async () => {
    await Promise.all(started.map((api) => api.close()));
    rmSync(build, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  it('serves index.html for the portal’s routes, the links in notifications and payout returns included', async () => {
    const api = await start({ PORTAL_DIR: build });
    for (const path of [
      '/app',
      '/app/balances',
      '/app/trades/0b6e3c1e-1c1e-4b8e-9a51-000000000000',
      '/app/settings/payouts?onboarding=return',
    ]) {
      const response = await api.http.get(path).expect(200);
      expect(response.text).toContain('<div id="root">');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
    const asset = await api.http.get('/app/assets/index-p0rt4l.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await api.http.get('/app/assets/index-gone.js').expect(404);
    // Same origin scripts only while payments are emulated: the portal loads nothing from Stripe.
    const csp = (await api.http.get('/app/balances')).headers['content-security-policy'] as string;
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).not.toContain('stripe.com');
  });

  it('lets Stripe Elements load from Stripe when the API takes real cards with a publishable key', async () => {
    const api = await start({
      PORTAL_DIR: build,
      STRIPE_SECRET_KEY: 'sk_test_real51abc',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_real51abc',
    });
    const csp = (await api.http.get('/app/trades').expect(200)).headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self' https://js.stripe.com");
    expect(csp).toContain('frame-src https://js.stripe.com https://hooks.stripe.com');
    expect(csp).toContain("connect-src 'self' https://api.stripe.com");
  });

  it('answers 503 saying how to build it when the build is missing', async () => {
    const api = await start({ PORTAL_DIR: empty });
    const response = await api.http.get('/app/balances').expect(503);
    expect(response.text).toContain('firm portal');
    expect(response.text).toContain('npm run build:portal');
    await api.http.get('/v1/client-config').expect(200);
  });
});
