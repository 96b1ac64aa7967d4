import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStory, type StoryOutcome } from '#cli/demo-story.ts';
import { launchChromium } from '#test/support/browser.ts';
import { aDecision } from '#test/support/builders.ts';
import { dashboardSession, type Viewport } from '#test/support/dashboard-browser.ts';
import { type StartedStack, startStackProcess } from '#test/support/local-stack-process.ts';

/** The machine is shared: a page can take seconds to answer, so a poll waits as long as a locator does. */
const POLL = { timeout: 30_000 };

let stack: StartedStack;
let story: StoryOutcome;
let browser: Browser;
let session: Awaited<ReturnType<typeof dashboardSession>>;

beforeAll(async () => {
  stack = await startStackProcess();
  story = await runStory({ api: stack.api, ses: stack.ses, token: stack.token });
  browser = await launchChromium();
  session = await dashboardSession(browser, stack);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function call(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  return fetch(`${stack.api}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${stack.token}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

/** Everything due goes out now, as the scheduler's sweep would send it (the local stack's hook). */
async function sweep(): Promise<void> {
  expect((await call('/local/sweep?now=2030-01-01T00:00:00Z', { method: 'POST' })).status).toBe(200);
}

/** A rejection to the SES simulator's bounce address: after a sweep its notice is `bounced`. */
async function bouncedNotice(name: string, applicationId: string): Promise<string> {
  const response = await call('/decisions', {
    method: 'POST',
    body: aDecision({
      applicationId,
      job: { id: 'job-sim', title: 'Platform Engineer' },
      // A tagged simulator address: the bare one is suppressed after its first bounce.
      candidate: { name, email: `bounce+${applicationId}@simulator.amazonses.com` },
    }),
  });
  expect(response.status).toBe(202);
  const { noticeId } = (await response.json()) as { noticeId: string };
  await sweep();
  const notice = (await (await call(`/notices/${noticeId}`)).json()) as { status: string };
  expect(notice.status).toBe('bounced');
  return noticeId;
}

/** The table's rows as `name · status` lines, so a failure shows what was listed. */
async function rows(page: Page): Promise<string[]> {
  return page
    .locator('table.rejections tr.notice-row')
    .evaluateAll((trs) =>
      trs.map(
        (tr) => `${tr.querySelector('td a')?.textContent ?? '?'} · ${tr.querySelector('.badge')?.textContent ?? '?'}`,
      ),
    );
}

async function everyone(page: Page): Promise<void> {
  await page.getByRole('radio', { name: 'Everyone’s' }).check();
  await page.locator('table.rejections, .empty').first().waitFor();
}

describe.each(['desktop', 'mobile'] as const)('the Rejections page, %s', (viewport: Viewport) => {
  it('opens as the main page and finds a candidate by name', async () => {
    const { context, page } = await session.newPage(viewport);
    try {
      await session.signIn(page);
      await page.getByRole('heading', { name: 'Rejections', level: 1 }).waitFor();
      expect(await page.getByRole('link', { name: 'Rejections' }).getAttribute('aria-current')).toBe('page');
      // A recruiter sees their own first; the whole team's is one click away.
      expect(await page.getByRole('radio', { name: /^Mine/ }).isChecked()).toBe(true);
      await everyone(page);
      await expect
        .poll(() => rows(page), POLL)
        .toEqual(expect.arrayContaining([expect.stringMatching(/^Ada Lovelace · /)]));
      await session.check(page, viewport, 'rejections');

      await page.getByLabel('Search').fill('bob');
      await page.getByRole('button', { name: 'Search' }).click();
      await expect.poll(() => rows(page), POLL).toEqual([expect.stringMatching(/^Bob Stone · Delivered$/)]);
      expect(page.url()).toContain('q=bob');
      const row = page.locator('tr.notice-row', { hasText: 'Bob Stone' });
      expect(await row.textContent()).toContain(story.bob.email);
      // Dates are the viewer's, never ISO text.
      expect(await row.locator('time').first().textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      await session.check(page, viewport, 'rejections-search');

      await row.getByRole('link', { name: 'Bob Stone' }).click();
      await page.getByRole('heading', { name: 'Bob Stone', level: 1 }).waitFor();
      expect(await page.locator('.sent-to').first().textContent()).toContain(story.bob.email);
      expect(session.pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('filters to bounced, fixes the address and resends', async () => {
    const name = `Bea Bounce ${viewport}`;
    const noticeId = await bouncedNotice(name, `bounce-${viewport}`);
    const { context, page } = await session.newPage(viewport);
    try {
      await session.signIn(page);
      await everyone(page);
      await page.getByRole('button', { name: /^Bounced/ }).click();
      await expect.poll(() => rows(page), POLL).toEqual(expect.arrayContaining([`${name} · Bounced`]));
      expect((await rows(page)).every((r) => r.endsWith('· Bounced'))).toBe(true);
      expect(await page.getByRole('button', { name: /^Bounced/ }).getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByRole('button', { name: /^Bounced/ }).textContent()).toMatch(/Bounced\s*[1-9]/);

      await page.getByRole('button', { name: `Fix address for ${name}` }).click();
      await page.getByLabel('Correct address').fill('success@simulator.amazonses.com');
      await page.getByLabel(/^Why\?/).fill('typo in the ATS');
      await session.check(page, viewport, 'rejections-fix-address');
      await page.getByRole('button', { name: 'Save and resend' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: 'will be sent again to success@simulator.amazonses.com' })
        .waitFor();
      // It is scheduled again, so it leaves the bounced view.
      await expect.poll(() => rows(page), POLL).not.toContain(`${name} · Bounced`);

      const resent = (await (await call(`/notices/${noticeId}`)).json()) as {
        status: string;
        candidate: { email: string };
      };
      expect(resent).toMatchObject({ status: 'scheduled', candidate: { email: 'success@simulator.amazonses.com' } });
      await sweep();
      await page.getByRole('button', { name: /^Bounced/ }).click();
      await page.getByRole('button', { name: /^Delivered/ }).click();
      await expect.poll(() => rows(page), POLL).toEqual(expect.arrayContaining([`${name} · Delivered`]));
      expect(session.pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows who paused sending and why on every page, and an admin resumes it', async () => {
    const reason = `A bad list was uploaded (${viewport})`;
    expect((await call('/admin/sending/pause', { method: 'POST', body: { reason } })).status).toBe(200);
    const { context, page } = await session.newPage(viewport);
    try {
      await session.signIn(page);
      const banner = page.getByRole('region', { name: 'Sending is paused' });
      await banner.waitFor();
      expect(await banner.textContent()).toContain(reason);
      expect(await banner.textContent()).toContain('local-developer');
      await session.check(page, viewport, 'paused-banner');
      await page.getByRole('link', { name: 'Flagged candidates' }).click();
      await page.getByRole('heading', { name: 'Flagged candidates' }).waitFor();
      await banner.waitFor();

      // The page settled (its list and the banner's own read answered), as a person would see it before clicking.
      await page.getByRole('list', { name: 'Bridge burned candidates' }).waitFor();
      await page.waitForLoadState('networkidle');
      await banner.getByRole('button', { name: 'Resume sending' }).click();
      await page.getByRole('status').filter({ hasText: 'Sending resumed' }).waitFor();
      expect(await page.getByRole('region', { name: 'Sending is paused' }).count()).toBe(0);
      const status = (await (await call('/admin/sending')).json()) as { paused: boolean };
      expect(status.paused).toBe(false);
      await page.getByRole('link', { name: 'Rejections' }).click();
      await page.getByRole('heading', { name: 'Rejections', level: 1 }).waitFor();
      expect(await page.getByRole('region', { name: 'Sending is paused' }).count()).toBe(0);
      expect(session.pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('flagged candidates and suppressions', () => {
  it('shows the address and the reply on every card, Warm included, and finds a job by its title', async () => {
    const { context, page } = await session.newPage('desktop');
    try {
      await session.signIn(page, '#/candidates?flag=warm');
      const list = page.getByRole('list', { name: 'Warm candidates' });
      const ada = list.getByRole('listitem').filter({ hasText: story.ada.email });
      await ada.waitFor();
      expect(await ada.locator('.reply-text').textContent()).toContain('stay in touch');
      await page.getByLabel('Job title').fill('Analytical');
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect.poll(() => page.url(), POLL).toContain('job=Analytical');
      await ada.waitFor();
      await page.getByLabel('Job title').fill('Nobody works here');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByText('No candidate is flagged warm with these filters.').waitFor();
      await session.check(page, 'desktop', 'flagged-warm');
      expect(session.pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lists, adds and lifts a suppression', async () => {
    const { context, page } = await session.newPage('mobile');
    try {
      await session.signIn(page, '#/suppressions');
      await page.getByRole('heading', { name: 'Suppressions', level: 1 }).waitFor();
      await page.getByLabel('Address to stop emailing').fill('no.more@example.com');
      await page.getByLabel(/^Note for colleagues/).fill('Asked by phone');
      await page.getByRole('button', { name: 'Suppress', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'The address is suppressed' }).waitFor();
      const card = page.getByRole('listitem').filter({ hasText: 'Asked by phone' });
      expect(await card.getByRole('heading').textContent()).toBe('Asked by a recruiter');
      await session.check(page, 'mobile', 'suppressions');
      await card.getByRole('button', { name: /^Lift/ }).click();
      await page.getByRole('status').filter({ hasText: 'The suppression is lifted' }).waitFor();
      expect(await page.getByRole('listitem').filter({ hasText: 'Asked by phone' }).count()).toBe(0);
      expect(session.pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
