import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The recruiter dashboard: a static single-page app. `npm run build:web` writes web/dist, which the local
 * server serves under `npm start` and the CDK stack uploads behind CloudFront.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 200 },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  logLevel: 'warn',
});
