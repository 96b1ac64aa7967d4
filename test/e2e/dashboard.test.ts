import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_REPLY, rawReply, runStory, type StoryOutcome } from '#cli/demo-story.ts';
import { launchChromium } from '#test/support/browser.ts';
import { type StartedStack, startStackProcess } from '#test/support/local-stack-process.ts';

/** Screenshots are test artifacts (git-ignored): look at them after a run. */
const ARTIFACTS = fileURLToPath(new URL('../../test-results/dashboard/', import.meta.url));
const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  mobile: { width: 375, height: 812 },
} as const;
type Viewport = keyof typeof VIEWPORTS;

let stack: StartedStack;
let story: StoryOutcome;
let browser: Browser;
let axeSource: string;

beforeAll(async () => {
  stack = await startStackProcess();
  story = await runStory({ api: stack.api, ses: stack.ses, token: stack.token });
  browser = await launchChromium();
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await mkdir(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The dashboard as npm start prints it: `Dashboard  http://127.0.0.1:<port>/`. */
function dashboardUrl(): string {
  const match = /Dashboard\s+(http:\/\/\S+)/.exec(stack.output());
  if (!match?.[1]) throw new Error(`no Dashboard URL in the banner:\n${stack.output()}`);
  return match[1];
}

async function newPage(viewport: Viewport): Promise<{ context: BrowserContext; page: Page }> {
  // The page's CSP forbids inline scripts; axe is injected as one, so only the test context bypasses it.
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], bypassCSP: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  Object.assign(page, { closeloopErrors: errors });
  return { context, page };
}

function pageErrors(page: Page): string[] {
  return (page as Page & { closeloopErrors: string[] }).closeloopErrors;
}

/** axe-core on the whole page: the serious and critical violations, as `rule: target` lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: Document): Promise<AxeResults> } }).axe;
    type AxeResults = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

/** Screenshot, accessibility scan, and no sideways scrolling (readable at 375 px). */
async function check(page: Page, viewport: Viewport, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${viewport}-${name}.png`), fullPage: true });
  expect(await seriousViolations(page), `${viewport} ${name}`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${viewport} ${name} scrolls sideways`).toBeLessThanOrEqual(0);
}

async function signIn(page: Page, viewport: Viewport): Promise<void> {
  await page.goto(dashboardUrl());
  await page.getByLabel('Dev API token').waitFor();
  await check(page, viewport, 'sign-in');
  await page.getByLabel('Dev API token').fill('not-the-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('not accepted');
  await page.getByLabel('Dev API token').fill(stack.token);
  // The wrong token's 401 was meant to happen; from here on, no error is.
  pageErrors(page).length = 0;
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The dashboard opens on Rejections (test/e2e/rejections.test.ts); these stories start from the flagged list.
  await page.getByRole('heading', { name: 'Rejections', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Flagged candidates' }).click();
  await page.getByRole('heading', { name: 'Flagged candidates' }).waitFor();
}

describe.each(['desktop', 'mobile'] as const)('the dashboard on npm start, %s', (viewport) => {
  it('signs in with the printed token, lists the bridge-burned candidate, and shows the timeline and stats', async () => {
    const { context, page } = await newPage(viewport);
    try {
      await signIn(page, viewport);

      // Flagged candidates: the bridge-burned list by default, with the evidence and the counts.
      const list = page.getByRole('list', { name: 'Bridge burned candidates' });
      await list.getByRole('link', { name: 'Bob Stone' }).waitFor();
      expect(await list.locator('mark').first().textContent()).toBe(HOSTILE_REPLY);
      expect(await page.getByRole('link', { name: /Bridge burned\s*1/ }).getAttribute('aria-current')).toBe('page');
      await check(page, viewport, 'candidates');

      // The timeline: the hostile sentence highlighted in the reply (a turn of the notice's conversation), the
      // email as it was sent.
      await list.getByRole('link', { name: 'Bob Stone' }).click();
      await page.getByRole('heading', { name: 'Bob Stone', level: 1 }).waitFor();
      const reply = page.locator('.conversation .turn.inbound');
      expect(await reply.locator('mark').textContent()).toBe(HOSTILE_REPLY);
      await page.getByText('The email as sent', { exact: false }).click();
      const frame = page.frameLocator('iframe.email');
      await expect.poll(() => frame.locator('body').textContent()).toContain('Bob');
      // Sandboxed without scripts; same-origin only so the page can size the frame to the email: no inner scroll.
      expect(await page.locator('iframe.email').getAttribute('sandbox')).toBe('allow-same-origin');
      await expect
        .poll(
          () =>
            page
              .locator('iframe.email')
              .evaluate(
                (f: HTMLIFrameElement) =>
                  (f.contentDocument?.documentElement.scrollHeight ?? Infinity) - f.clientHeight,
              ),
          { timeout: 30_000 },
        )
        .toBeLessThanOrEqual(0);
      await check(page, viewport, 'timeline');

      await page.getByRole('link', { name: 'Stats' }).click();
      await page.getByRole('heading', { name: 'The loop-closing record' }).waitFor();
      await page.getByText('Rejected candidates who got a notice').waitFor();
      expect(await page.locator('.figures dd').first().textContent()).toContain('100.0%');
      await check(page, viewport, 'stats');

      // Signing out forgets the token: the sign-in form is back, and stays after a reload.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Dev API token').waitFor();
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
      await page.reload();
      await page.getByLabel('Dev API token').waitFor();
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/** Sends a raw message to the stack's inbound address, as SES would, and answers what became of it. */
async function postInbound(message: string): Promise<{ reply: { status: string; correlation: { method: string } } }> {
  const response = await fetch(`${stack.api}/local/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${stack.token}` },
    body: message,
  });
  expect(response.status).toBe(200);
  return response.json();
}

/** Markup in a reply must come out as the characters the sender typed, never as elements. */
const UNMATCHED_TEXT = 'Is the <b>Platform Engineer</b> role still open? <img src=x onerror="window.pwned=1">';

describe('replies nobody can match', () => {
  it('shows an empty inbox, then a reply from an unknown sender with why it was not matched, newest first', async () => {
    const { context, page } = await newPage('desktop');
    try {
      await signIn(page, 'desktop');
      // The nav link by keyboard: Tab to it, Enter.
      let focused = '';
      for (let i = 0; i < 30 && focused !== 'Unmatched replies'; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
      }
      expect(focused).toBe('Unmatched replies');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Unmatched replies', level: 1 }).waitFor();
      // The seed story's replies all carry their token (the out-of-office too): nothing is unmatched yet.
      await page.getByText('No unmatched replies: every reply so far was tied to the notice it answers.').waitFor();
      expect(await page.getByRole('link', { name: 'Unmatched replies' }).getAttribute('aria-current')).toBe('page');
      await check(page, 'desktop', 'unmatched-empty');

      const away = await postInbound(
        rawReply({
          from: 'Noreply Robot <robot@elsewhere.example>',
          to: 'talent@replies.acme.example',
          subject: 'Automatic reply: out of the office',
          headers: { 'Auto-Submitted': 'auto-replied' },
          body: 'I am away until Monday.',
        }),
      );
      const human = await postInbound(
        rawReply({
          from: 'Morgan Reed <morgan.reed@elsewhere.example>',
          to: 'talent@replies.acme.example',
          subject: 'Question about the Platform Engineer role',
          body: UNMATCHED_TEXT,
        }),
      );
      expect(away.reply).toMatchObject({ status: 'auto-reply', correlation: { method: 'none' } });
      expect(human.reply).toMatchObject({ status: 'classified', correlation: { method: 'none' } });

      await page.reload();
      const list = page.getByRole('list', { name: 'Unmatched replies, newest first' });
      await list.waitFor();
      expect(await list.locator(':scope > li > h2').allTextContents()).toEqual([
        'Question about the Platform Engineer role',
        'Automatic reply: out of the office',
      ]);
      const card = page.getByRole('listitem', { name: 'Question about the Platform Engineer role' });
      expect(await card.locator('.sender').textContent()).toBe('morgan.reed@elsewhere.example');
      expect(await card.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(await card.locator('.reasons li').allTextContents()).toContain('No notice was sent to the sender');
      expect(await card.locator('.reply-text').textContent()).toBe(UNMATCHED_TEXT);
      expect(await list.locator('img, b').count()).toBe(0);
      expect(await page.evaluate(() => 'pwned' in window)).toBe(false);
      const robot = page.getByRole('listitem', { name: 'Automatic reply: out of the office' });
      expect(await robot.textContent()).toContain('Automatic reply (Auto-Submitted: auto-replied), not classified');
      // The page is addressed by its name only: no sender address in the URL.
      expect(page.url()).toMatch(/#\/replies\/unmatched$/);
      await check(page, 'desktop', 'unmatched');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }

    const mobile = await newPage('mobile');
    try {
      await signIn(mobile.page, 'mobile');
      await mobile.page.getByRole('link', { name: 'Unmatched replies' }).click();
      await mobile.page.getByRole('listitem', { name: 'Question about the Platform Engineer role' }).waitFor();
      await check(mobile.page, 'mobile', 'unmatched');
      expect(pageErrors(mobile.page)).toEqual([]);
    } finally {
      await mobile.context.close();
    }

    // More than a page: 24 more strays make 26, so the out-of-office is alone on the second page.
    for (let i = 1; i <= 24; i++) {
      await postInbound(
        rawReply({
          from: `stray${i}@elsewhere.example`,
          to: 'talent@replies.acme.example',
          subject: `Stray reply ${i}`,
          body: `Stray reply number ${i}.`,
        }),
      );
    }
    const paged = await newPage('desktop');
    try {
      await signIn(paged.page, 'desktop');
      await paged.page.getByRole('link', { name: 'Unmatched replies' }).click();
      const list = paged.page.getByRole('list', { name: 'Unmatched replies, newest first' });
      await paged.page.getByRole('listitem', { name: 'Stray reply 24' }).waitFor();
      expect(await list.locator(':scope > li').count()).toBe(25);
      await paged.page.getByText('25 per page, newest first.').waitFor();

      await paged.page.getByRole('button', { name: 'Older replies' }).click();
      await paged.page.getByRole('listitem', { name: 'Automatic reply: out of the office' }).waitFor();
      expect(await list.locator(':scope > li > h2').allTextContents()).toEqual(['Automatic reply: out of the office']);
      expect(await paged.page.getByRole('button', { name: 'Older replies' }).count()).toBe(0);

      await paged.page.getByRole('button', { name: 'Newest replies' }).click();
      await paged.page.getByRole('listitem', { name: 'Stray reply 24' }).waitFor();
      expect(await list.locator(':scope > li').count()).toBe(25);
      expect(pageErrors(paged.page)).toEqual([]);
    } finally {
      await paged.context.close();
    }
  });
});

describe('a recruiter at work, by keyboard', () => {
  it('opens the candidate with the keyboard, dismisses the flag with a reason, and sees it leave the list', async () => {
    const { context, page } = await newPage('desktop');
    try {
      await signIn(page, 'desktop');
      await page.getByRole('link', { name: 'Bob Stone' }).waitFor();

      // Tab to the candidate's link and open it with Enter: no mouse needed.
      let focused = '';
      for (let i = 0; i < 30 && focused !== 'Bob Stone'; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
      }
      expect(focused).toBe('Bob Stone');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Bob Stone', level: 1 }).waitFor();

      await page.getByRole('button', { name: 'Dismiss “Bridge burned”' }).click();
      await page
        .getByLabel('Why dismiss “Bridge burned”?')
        .fill('Frustration, not a threat: we read the whole thread.');
      await page.screenshot({ path: join(ARTIFACTS, 'desktop-dismiss-form.png'), fullPage: true });
      await page.getByRole('button', { name: 'Dismiss flag' }).click();
      await page.locator('.flag-bridge-burned .badge.status-dismissed').waitFor();
      await page.getByText('Audit trail (2)').click();
      expect(await page.locator('.flag-bridge-burned .audit li').last().textContent()).toContain(
        'dismissed by local-developer — Frustration, not a threat',
      );

      await page.getByRole('link', { name: '← Flagged candidates' }).click();
      await page.getByText('No candidate is flagged bridge burned with these filters.').waitFor();
      expect(await page.getByRole('link', { name: /Bridge burned\s*0/ }).count()).toBe(1);
      await page.screenshot({ path: join(ARTIFACTS, 'desktop-after-dismiss.png'), fullPage: true });

      const api = await fetch(`${stack.api}/candidates?flag=bridge-burned`, {
        headers: { authorization: `Bearer ${stack.token}` },
      });
      expect((await api.json()).items).toEqual([]);
      expect(story.bob.candidateId).toMatch(/^c_/);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('a recruiter answers from the candidate page', () => {
  it('sends a follow-up once, shows it as a turn with its status, and renders what was typed as text', async () => {
    const { context, page } = await newPage('desktop');
    try {
      await signIn(page, 'desktop');
      await page.goto(`${dashboardUrl()}#/candidates/${story.ada.candidateId}`);
      await page.getByRole('heading', { name: 'Ada', level: 1, exact: false }).waitFor();
      const conversation = page.getByRole('region', { name: 'Conversation' });
      await conversation.getByText('Rejection to the candidate').waitFor();
      const typed = 'Thank you, Ada. <b>Not bold</b> & let us talk next week.';

      await conversation.getByLabel(/Answer the candidate/).fill(typed);
      // A double click: one composed message, one key, one follow-up.
      await conversation.getByRole('button', { name: 'Send follow-up' }).dblclick();
      await page.getByRole('status').filter({ hasText: 'Follow-up' }).waitFor();
      await conversation.getByText('Follow-up from the dashboard', { exact: false }).waitFor();

      const turn = conversation.locator('.turn', { hasText: 'Follow-up from the dashboard' });
      expect(await turn.count()).toBe(1);
      expect(await turn.locator('.turn-text').textContent()).toBe(typed);
      expect(await turn.locator('b').count()).toBe(0);
      expect(await turn.locator('.badge').textContent()).toMatch(/^(Waiting|Sending|Sent|Delivered)$/);
      await check(page, 'desktop', 'candidate-conversation');

      const timeline = await (
        await fetch(`${stack.api}/candidates/${story.ada.candidateId}`, {
          headers: { authorization: `Bearer ${stack.token}` },
        })
      ).json();
      const relays = timeline.timeline
        .flatMap((e: { conversation?: { type: string; origin?: string }[] }) => e.conversation ?? [])
        .filter((t: { type: string; origin?: string }) => t.type === 'relay' && t.origin === 'dashboard');
      expect(relays).toHaveLength(1);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
