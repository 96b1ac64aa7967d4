import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawReply } from '#cli/demo-story.ts';
import { launchChromium } from '#test/support/browser.ts';
import { type StartedStack, startStackProcess } from '#test/support/local-stack-process.ts';
import { sentEmails } from '#test/support/ses-store.ts';

/** Screenshots are test artifacts (git-ignored): look at them after a run. */
const ARTIFACTS = fileURLToPath(new URL('../../test-results/dashboard/', import.meta.url));
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, mobile: { width: 390, height: 844 } } as const;

let stack: StartedStack;
let browser: Browser;
let axeSource: string;
beforeAll(async () => {
  stack = await startStackProcess();
  browser = await launchChromium();
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await mkdir(ARTIFACTS, { recursive: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const auth = () => ({ authorization: `Bearer ${stack.token}` });

/** A rejected candidate (notice sent) and two unmatched replies from addresses we never wrote to. */
async function arrange(label: string) {
  const run = randomBytes(3).toString('hex');
  const candidate = { name: `Grace Hopper ${run}`, email: `grace.${run}@example.com` };
  const recruiter = { name: 'Joan Clarke', email: `joan.${label}.${run}@acme.example` };
  const decided = await fetch(`${stack.api}/decisions`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'application/json' },
    body: JSON.stringify({
      source: 'manual',
      applicationId: `ui-link-${run}`,
      decision: 'rejected',
      reason: 'position-filled',
      stage: 'interview',
      decidedAt: new Date().toISOString(),
      job: { id: 'job-7', title: 'Compiler Engineer' },
      candidate: { ...candidate, locale: 'en' },
      recruiter,
    }),
  });
  expect(decided.status).toBe(202);
  const { candidateId } = (await decided.json()) as { candidateId: string };
  await fetch(`${stack.api}/local/sweep?now=2030-01-01T00:00:00Z`, { method: 'POST', headers: auth() });
  const inbound = async (from: string, subject: string, body: string) => {
    const response = await fetch(`${stack.api}/local/inbound`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'message/rfc822' },
      body: rawReply({ from, to: 'talent@replies.acme.example', subject, body }),
    });
    expect(response.status).toBe(200);
  };
  const toLink = `Feedback please ${run}`;
  const toDismiss = `Invoice ${run}`;
  await inbound(`G. Hopper <gh.${run}@example.net>`, toLink, 'Could you share some feedback on my interview?');
  await inbound(`Billing <billing.${run}@example.org>`, toDismiss, 'Please find our invoice attached.');
  return { candidate, recruiter, candidateId, toLink, toDismiss };
}

async function serious(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    type AxeResults = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
    const axe = (globalThis as unknown as { axe: { run(context: Document): Promise<AxeResults> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

async function check(page: Page, step: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `unmatched-${step.replace(/\W+/g, '-')}.png`), fullPage: true });
  expect(await serious(page), step).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${step} scrolls sideways`).toBeLessThanOrEqual(0);
}

function dashboardUrl(): string {
  const match = /Dashboard\s+(http:\/\/\S+)/.exec(stack.output());
  if (!match?.[1]) throw new Error(`no Dashboard URL in the banner:\n${stack.output()}`);
  return match[1];
}

describe.each(Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[])(
  'Unmatched replies on npm start, %s (issue 15)',
  (viewport) => {
    it('links one reply to the candidate found by name, and dismisses another with a reason', async () => {
      const { candidate, recruiter, candidateId, toLink, toDismiss } = await arrange(viewport);
      const context = await browser.newContext({ viewport: VIEWPORTS[viewport], bypassCSP: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await page.goto(dashboardUrl());
        await page.getByLabel('Dev API token').fill(stack.token);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('heading', { name: 'Rejections', level: 1 }).waitFor();
        await page.getByRole('link', { name: 'Unmatched replies' }).click();
        await page.getByRole('heading', { name: 'Unmatched replies', level: 1 }).waitFor();

        const linkCard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: toLink }) });
        await linkCard.getByRole('button', { name: 'Link to candidate' }).click();
        await linkCard.getByLabel('Find the candidate by name or email').fill(candidate.name);
        await linkCard.getByRole('button', { name: 'Search' }).click();
        await linkCard.getByRole('radio', { name: new RegExp(candidate.email) }).waitFor();
        await check(page, `${viewport} link: candidate found`);
        await linkCard.getByRole('button', { name: `Link to ${candidate.name}` }).click();
        const outcome = linkCard.getByRole('status');
        await expect.poll(() => outcome.textContent()).toContain(`Linked to ${candidate.name}`);
        expect(await outcome.getByRole('link').getAttribute('href')).toBe(`#/candidates/${candidateId}`);
        await check(page, `${viewport} link: done`);

        const dismissCard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: toDismiss }) });
        await dismissCard.getByRole('button', { name: 'Dismiss' }).click();
        await dismissCard.getByLabel(/Why dismiss it/).fill('An invoice, not a candidate');
        await dismissCard.getByRole('button', { name: 'Dismiss reply' }).click();
        await expect.poll(() => page.getByRole('heading', { name: toDismiss }).count()).toBe(0);
        await expect.poll(() => page.locator('main > p.success').textContent()).toContain(`“${toDismiss}”`);
        await check(page, `${viewport} dismissed`);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }

      // What the clicks did: the candidate flagged, one relay to the owner, the invoice off the list.
      const flag = await fetch(`${stack.api}/candidates/${candidateId}/flags/needs-review`, { headers: auth() });
      expect(flag.status).toBe(200);
      const relays = await sentEmails(stack, recruiter.email);
      expect(relays).toHaveLength(1);
      const list = await fetch(`${stack.api}/replies/unmatched?limit=100`, { headers: auth() });
      const subjects = ((await list.json()) as { replies: { subject?: string }[] }).replies.map((r) => r.subject);
      expect(subjects).not.toContain(toLink);
      expect(subjects).not.toContain(toDismiss);
    });
  },
);
