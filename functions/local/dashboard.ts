import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Env, Hono, MiddlewareHandler } from 'hono';
import { DASHBOARD_CSP } from './dashboard-csp.ts';

export { DASHBOARD_CSP };

export const DASHBOARD_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * Serves the built dashboard (web/dist) at `/` on the local server, with `config.json` telling it to sign
 * in with the dev token against this same origin. In AWS, CloudFront serves it instead.
 */
export function mountDashboard<E extends Env>(app: Hono<E>, root = DASHBOARD_DIR): boolean {
  if (!existsSync(root)) return false;
  const headers: MiddlewareHandler<E> = async (c, next) => {
    await next();
    c.header('content-security-policy', DASHBOARD_CSP);
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
  };
  app.get('/config.json', (c) => c.json({ apiBaseUrl: '', auth: { mode: 'token' } }));
  app.use('/assets/*', headers, serveStatic<E>({ root }));
  app.get('/', headers, serveStatic<E>({ root, path: 'index.html' }));
  return true;
}
