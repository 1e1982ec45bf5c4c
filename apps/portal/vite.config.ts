import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { webAppConfig } from '../../libs/web-ui/vite.shared';

export default defineConfig(
  webAppConfig({ appDir: dirname(fileURLToPath(import.meta.url)), name: 'portal', base: '/app/' }),
);
