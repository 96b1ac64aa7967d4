import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '#test/support/browser.ts';
import { type StartedStack, startStackProcess } from '#test/support/local-stack-process.ts';

const VIEWPORTS = { desktop: { width: 1280, height: 900 }, mobile: { width: 390, height: 844 } } as const;

let stack: StartedStack;
let browser: Browser;
let axeSource: string;

beforeAll(async () => {
  // A shared machine under load starts the stack slowly; the tests themselves are quick.
  stack = await startStackProcess({ timeoutMs: 180_000 });
  browser = await launchChromium();
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

function dashboardUrl(): string {
  const match = /Dashboard\s+(http:\/\/\S+)/.exec(stack.output());
  if (!match?.[1]) throw new Error(`no Dashboard URL in the banner:\n${stack.output()}`);
  return match[1];
}

/** axe-core's serious and critical violations, and no sideways scrolling. */
async function check(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    type AxeResults = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
    const axe = (globalThis as unknown as { axe: { run(context: Document): Promise<AxeResults> } }).axe;
    return (await axe.run(document)).violations;
  });
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  expect(serious, name).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
}

async function signedIn(viewport: keyof typeof VIEWPORTS): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], bypassCSP: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  Object.assign(page, { errors });
  await page.goto(dashboardUrl());
  await page.getByLabel('Dev API token').fill(stack.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The dashboard opens on Rejections (issue 15).
  await page.getByRole('heading', { name: 'Rejections', level: 1 }).waitFor();
  return page;
}

const HEADER = 'applicationId,decidedAt,reason,stage,candidate.name,candidate.email,candidate.locale,job.id,job.title';

function csv(prefix: string, badEmail: boolean): Buffer {
  const rows = [
    `${prefix}-1,2026-11-20T10:00:00Z,position-filled,interview,Ada Lovelace,ada.${prefix}@example.com,en,job-1,"Engineer, Data"`,
    `${prefix}-2,2026-11-20T10:00:00Z,skills-mismatch,phone-screen,Lena Fischer,${badEmail ? 'lena-at-example' : `lena.${prefix}@example.com`},de,job-1,"Engineer, Data"`,
    `${prefix}-3,2026-11-20T10:00:00Z,other,application-review,Camille Durand,camille.${prefix}@example.com,fr,job-2,Designer`,
  ];
  return Buffer.from(`\uFEFF${HEADER}\r\n${rows.join('\r\n')}\r\n`);
}

describe.each(['desktop', 'mobile'] as const)('recording decisions and previewing templates, %s', (viewport) => {
  it('names the one bad row of a file and records nothing; the fixed file is recorded once', async () => {
    const page = await signedIn(viewport);
    const prefix = `e2e-${viewport}`;
    await page.getByRole('link', { name: 'Record decisions' }).click();
    await page.getByRole('heading', { name: 'Record decisions', level: 1 }).waitFor();
    await check(page, `${viewport} record decisions`);

    const file = page.getByLabel('CSV file', { exact: true });
    await file.setInputFiles({ name: 'rejections.csv', mimeType: 'text/csv', buffer: csv(prefix, true) });
    await page.getByText('1 of 3 rows cannot be recorded (line 3)', { exact: false }).waitFor();
    const bad = page.locator('tr.row-error');
    expect(await bad.count()).toBe(1);
    expect(await bad.locator('td').first().textContent()).toBe('3');
    expect(await bad.textContent()).toContain('candidate.email');
    expect(await page.getByRole('button', { name: /^Record \d+ decision/ }).isDisabled()).toBe(true);
    await check(page, `${viewport} preview with a bad row`);

    await file.setInputFiles({ name: 'rejections.csv', mimeType: 'text/csv', buffer: csv(prefix, false) });
    await page.getByText('3 decisions, all valid', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Record 3 decisions' }).click();
    await page.getByText('rejections.csv: 3 decisions recorded', { exact: false }).waitFor();

    // The same file again: recorded already, nothing new.
    await file.setInputFiles({ name: 'rejections.csv', mimeType: 'text/csv', buffer: csv(prefix, false) });
    await page.getByRole('button', { name: 'Record 3 decisions' }).click();
    await page.getByText('0 decisions recorded; 3 were already recorded', { exact: false }).waitFor();
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  });

  it('names the empty fields of a single decision beside them, records it, and shows its plain text on the timeline', async () => {
    const page = await signedIn(viewport);
    await page.goto(`${dashboardUrl()}#/decisions/new`);
    const form = page.locator('form.decision-form');
    await form.getByRole('button', { name: 'Record decision' }).click();
    await form.getByRole('alert').waitFor();
    const name = form.getByLabel('Candidate name');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await name.getAttribute('aria-describedby')}`).textContent()).toBe('Required');
    await check(page, `${viewport} form errors`);

    await name.fill('Grace Hopper');
    await form.getByLabel('Candidate email').fill(`grace.${viewport}@example.com`);
    await form.getByLabel('Application id (from your ATS)').fill(`form-${viewport}`);
    await form.getByLabel('Job id').fill('job-9');
    await form.getByLabel('Job title').fill('Compiler Engineer');
    await form.getByRole('button', { name: 'Record decision' }).click();
    await form.getByText('Recorded; the email goes out', { exact: false }).waitFor();
    expect(await name.getAttribute('aria-invalid')).toBeNull();

    // The timeline shows the email it will send, and its plain-text part.
    await form.getByRole('link', { name: 'Open the candidate' }).click();
    await page.getByRole('heading', { name: 'Grace Hopper', level: 1 }).waitFor();
    await page.getByText('The email as it will be sent', { exact: false }).click();
    await page.getByText('Plain-text part').click();
    expect(await page.locator('pre.email-text').textContent()).toContain('Grace');
    await check(page, `${viewport} timeline plain text`);
    await page.context().close();
  });

  it('previews a template in a language, HTML in a sandboxed frame sized to it and the plain text', async () => {
    const page = await signedIn(viewport);
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.getByLabel('Template').selectOption('keep-in-touch');
    await page.getByLabel('Language').selectOption('de');
    const frame = page.locator('iframe.email');
    await expect.poll(() => page.frameLocator('iframe.email').locator('body').textContent()).toContain('Lena');
    expect(await page.locator('pre.email-text').textContent()).toContain('Lena');
    expect(await frame.getAttribute('sandbox')).toBe('allow-same-origin');
    const fitted = await frame.evaluate((f: HTMLIFrameElement) => ({
      frame: f.getBoundingClientRect().height,
      content: f.contentDocument?.documentElement.scrollHeight ?? 0,
    }));
    expect(Math.abs(fitted.frame - fitted.content)).toBeLessThanOrEqual(4);
    await check(page, `${viewport} template preview`);
    await page.context().close();
  });
});

describe('a file of more than one batch', () => {
  it('shows the progress bar between batches, then the results', async () => {
    const page = await signedIn('desktop');
    const header = `${HEADER}\r\n`;
    const rows = Array.from(
      { length: 501 },
      (_, i) => `big-${i},2026-11-20T10:00:00Z,other,interview,Person ${i},person-${i}@example.com,en,job-3,Analyst`,
    );
    // Holds the second batch until the page has been read: what it shows while results are coming in.
    let batches = 0;
    const seen: string[] = [];
    await page.route('**/decisions', async (route) => {
      if (route.request().postData()?.startsWith('{"decisions"') && ++batches === 2) {
        const progress = page.locator('progress');
        seen.push(`${await progress.getAttribute('value')}/${await progress.getAttribute('max')}`);
        seen.push((await page.locator('.progress label').textContent()) ?? '');
      }
      await route.continue();
    });
    await page.goto(`${dashboardUrl()}#/decisions/new`);
    await page
      .getByLabel('CSV file', { exact: true })
      .setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(header + rows.join('\r\n')) });
    await page.getByRole('button', { name: 'Record 501 decisions' }).click();
    await page.getByText('big.csv: 501 decisions recorded', { exact: false }).waitFor({ timeout: 120_000 });

    expect(batches).toBe(2);
    expect(seen).toEqual(['500/501', 'Recording big.csv: 500 of 501']);
    await page.context().close();
  }, 180_000);
});
