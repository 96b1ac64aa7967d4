import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { StartedStack } from './local-stack-process.ts';

/** Screenshots are test artifacts (git-ignored): look at them after a run. */
export const ARTIFACTS = fileURLToPath(new URL('../../test-results/dashboard/', import.meta.url));

/** The two widths: a laptop and a phone. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  mobile: { width: 390, height: 844 },
} as const;
export type Viewport = keyof typeof VIEWPORTS;

/** A browser session on the dashboard of a started stack: pages with error capture, axe, and sign-in. */
export async function dashboardSession(browser: Browser, stack: StartedStack) {
  const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await mkdir(ARTIFACTS, { recursive: true });
  const errors = new WeakMap<Page, string[]>();

  const url = (): string => {
    const match = /Dashboard\s+(http:\/\/\S+)/.exec(stack.output());
    if (!match?.[1]) throw new Error(`no Dashboard URL in the banner:\n${stack.output()}`);
    return match[1];
  };

  const newPage = async (viewport: Viewport): Promise<{ context: BrowserContext; page: Page }> => {
    // The page's CSP forbids inline scripts; axe is injected as one, so only the test context bypasses it.
    const context = await browser.newContext({ viewport: VIEWPORTS[viewport], bypassCSP: true });
    const page = await context.newPage();
    const seen: string[] = [];
    page.on('pageerror', (e) => seen.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') seen.push(m.text());
    });
    errors.set(page, seen);
    return { context, page };
  };

  const pageErrors = (page: Page): string[] => errors.get(page) ?? [];

  /** Screenshot, axe-core's serious and critical violations (none), and no sideways scrolling. */
  const check = async (page: Page, viewport: Viewport, name: string): Promise<void> => {
    await page.screenshot({ path: join(ARTIFACTS, `${viewport}-${name}.png`), fullPage: true });
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      type AxeResults = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
      const axe = (globalThis as unknown as { axe: { run(context: Document): Promise<AxeResults> } }).axe;
      return (await axe.run(document)).violations;
    });
    expect(
      violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`)),
      `${viewport} ${name}`,
    ).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${viewport} ${name} scrolls sideways`).toBeLessThanOrEqual(0);
  };

  /** Signs in with the dev token; the dashboard opens on Rejections. */
  const signIn = async (page: Page, hash = ''): Promise<void> => {
    await page.goto(`${url()}${hash}`);
    await page.getByLabel('Dev API token').fill(stack.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  };

  return { url, newPage, pageErrors, check, signIn };
}
