import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureChromium } from '../support/chromium';

/** Once per run with browser tests: Chromium present (installed when missing), the console built. */
export default async function browserGlobalSetup(): Promise<void> {
  await ensureChromium();
  const index = resolve(__dirname, '../../../dist/admin/index.html');
  if (!existsSync(index)) {
    throw new Error(`${index} is missing: build the console first (npm run build:admin; npm test does it)`);
  }
}
