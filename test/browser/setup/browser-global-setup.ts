import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureChromium } from '../support/chromium';

/** Once per run with browser tests: Chromium present (installed when missing), the console and portal built. */
export default async function browserGlobalSetup(): Promise<void> {
  await ensureChromium();
  const index = resolve(__dirname, '../../../dist/admin/index.html');
  if (!existsSync(index)) {
    throw new Error(`${index} is missing: build the console first (npm run build:admin; npm test does it)`);
  }
  const portal = resolve(__dirname, '../../../dist/portal/index.html');
  if (!existsSync(portal)) {
    throw new Error(`${portal} is missing: build the portal first (npm run build:portal; npm test does it)`);
  }
}
