import { resolve } from 'node:path';
import type { UserConfig } from 'vite';

/** The one Vite configuration of the web apps: served under `base` by the API, built into dist/<name>. */
export function webAppConfig(options: { appDir: string; name: string; base: string }): UserConfig {
  const root = resolve(options.appDir, '../..');
  return {
    root: options.appDir,
    base: options.base,
    publicDir: resolve(options.appDir, 'public'),
    resolve: { alias: { '@carryover/web-ui': resolve(root, 'libs/web-ui/src') } },
    // JSX without a Babel plugin: Vite's own transform, React's automatic runtime.
    oxc: { jsx: { runtime: 'automatic' } },
    build: {
      outDir: resolve(root, 'dist', options.name),
      emptyOutDir: true,
      chunkSizeWarningLimit: 1500,
      rolldownOptions: {
        onwarn(warning, warn) {
          // Mantine marks its modules "use client" for server components; a browser bundle has no use for it.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
          warn(warning);
        },
      },
    },
    server: { proxy: { '/v1': 'http://localhost:3000' } },
  };
}
