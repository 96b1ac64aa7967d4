import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_DIR } from '#local/dashboard.ts';
import { DASHBOARD_CSP_DIRECTIVES } from '#local/dashboard-csp.ts';
import { listen, type RunningServer } from '#local/emulators.ts';
import { launchChromium } from '#test/support/browser.ts';
import { type FakeOidcProvider, startFakeOidcProvider } from '#test/support/fake-oidc-provider.ts';
import setupWebBuild from '#test/support/web-build-global-setup.ts';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
let provider: FakeOidcProvider;
let dashboard: RunningServer;
let browser: Browser;
let axeSource: string;
/** Bearer tokens the API was called with, in order. */
const seen: string[] = [];

/**
 * The built dashboard as CloudFront serves it (config.json in Cognito mode, naming the fake hosted UI), with
 * the one API route its shell calls, `/me`, accepting only the provider's current access tokens.
 */
async function startDashboard(): Promise<RunningServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/config.json') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          apiBaseUrl: '',
          auth: {
            mode: 'cognito',
            domain: provider.url,
            clientId: provider.clientId,
            redirectUri: `${dashboard.url}/`,
          },
        }),
      );
      return;
    }
    if (path === '/me') {
      const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      seen.push(token);
      const ok = provider.isValidAccessToken(token);
      response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      response.end(JSON.stringify(ok ? { subject: 'rita', roles: ['viewer'] } : { status: 401 }));
      return;
    }
    const file = normalize(join(DASHBOARD_DIR, path === '/' ? 'index.html' : path));
    if (!file.startsWith(DASHBOARD_DIR) || !(path === '/' || path.startsWith('/assets/'))) {
      // Every other API route: the shell's pages may ask; they are not what this test is about.
      response.writeHead(503, { 'content-type': 'application/problem+json' });
      response.end(JSON.stringify({ type: 'about:blank', title: 'Not in this test', status: 503 }));
      return;
    }
    readFile(file).then(
      (content) => {
        const csp = DASHBOARD_CSP_DIRECTIVES.map((d) => (d === "connect-src 'self'" ? `${d} ${provider.url}` : d));
        response.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': csp.join('; '),
        });
        response.end(content);
      },
      () => {
        response.writeHead(404);
        response.end();
      },
    );
  });
  return listen(server, 0, 'DASHBOARD_PORT');
}

beforeAll(async () => {
  await setupWebBuild();
  provider = await startFakeOidcProvider({ allowedOrigin: () => dashboard.url, accessTokenSeconds: 3600 });
  dashboard = await startDashboard();
  browser = await launchChromium();
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
});
afterAll(async () => {
  await browser?.close();
  await dashboard?.close();
  await provider?.close();
});

/** axe-core's serious and critical findings on the page, as `rule: target` lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    type AxeResults = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
    const axe = (globalThis as unknown as { axe: { run(context: Document): Promise<AxeResults> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** The access token oidc-client-ts keeps in localStorage (run in the page). */
function storedAccessToken(): string | undefined {
  const key = Object.keys(localStorage).find((k) => k.startsWith('oidc.user:'));
  const stored = key === undefined ? null : localStorage.getItem(key);
  return stored === null ? undefined : (JSON.parse(stored) as { access_token?: string }).access_token;
}

const signOutButton = (context: BrowserContext, index = 0) =>
  context.pages()[index]?.getByRole('button', { name: 'Sign out' });

describe('dashboard sessions with the hosted UI (fake OIDC provider)', () => {
  it.each([
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ])(
    'stays signed in across a token refresh, in a new tab without signing in again, and signs out everywhere ($width px)',
    async (viewport) => {
      provider.calls.length = 0;
      // The page's CSP forbids inline scripts; axe is injected as one, so only the test context bypasses it.
      const context = await browser.newContext({ viewport, bypassCSP: true });
      // The page's clock is Playwright's: an hour passes in the browser without the test waiting for it.
      await context.clock.install({ time: new Date('2026-12-07T08:00:00Z') });
      const page = await context.newPage();
      await page.goto(`${dashboard.url}/`);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      // 1. Sign in through the hosted UI (the fake signs the test user in at once) and come back signed in.
      await page.getByRole('button', { name: 'Sign in' }).click();
      await signOutButton(context)?.waitFor();
      expect(provider.calls).toEqual(['authorize', 'code']);
      const first = seen.at(-1) ?? '';
      expect(provider.isValidAccessToken(first)).toBe(true);
      expect(page.url()).toBe(`${dashboard.url}/`);

      // 2. An hour later the access token has expired: the refresh token got a new one before it did.
      await page.clock.runFor(59 * 60_000 + 10_000);
      await expect.poll(() => provider.calls.filter((c) => c === 'refresh').length).toBe(1);
      // …and the browser kept what it got (the session in localStorage now holds a token the provider issued later).
      await expect.poll(() => page.evaluate(storedAccessToken)).not.toBe(first);
      await page.clock.runFor(2 * 60_000);
      await page.reload();
      await signOutButton(context)?.waitFor();
      const second = seen.at(-1) ?? '';
      expect(second).not.toBe(first);
      expect(provider.isValidAccessToken(second)).toBe(true);

      // 3. A new tab is signed in from the kept session: no second visit to the hosted UI.
      const tab = await context.newPage();
      await tab.goto(`${dashboard.url}/`);
      await signOutButton(context, 1)?.waitFor();
      expect(provider.calls.filter((c) => c === 'authorize')).toHaveLength(1);
      await tab.close();

      // 4. Sign-out revokes the refresh token and ends the hosted session at Cognito's /logout.
      await signOutButton(context)?.click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(provider.calls.slice(-2)).toEqual(['revoke', 'logout']);
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('oidc.user')))).toEqual([]);
      await context.close();
    },
  );
});
