import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDecision } from '#test/support/builders.ts';
import { type StartedStack, startStackProcess } from '#test/support/local-stack-process.ts';
import { sentEmails } from '#test/support/ses-store.ts';

/**
 * The other e2e tests turn the stack's own sweep off and drive `POST /local/sweep`; this one keeps the timer on
 * (every 200 ms) and every hour a sending hour, so a decision whose send time has passed goes out by itself.
 */
let stack: StartedStack;
beforeAll(async () => {
  stack = await startStackProcess({
    env: {
      CLOSELOOP_SWEEP_INTERVAL_MS: '200',
      CLOSELOOP_SEND_DELAY_MINUTES: '0',
      CLOSELOOP_SEND_DELAYS: '[]',
      CLOSELOOP_SEND_WINDOW: '00:00-24:00',
      CLOSELOOP_SEND_DAYS: 'mon-sun',
      CLOSELOOP_HOLIDAYS: 'none',
    },
  });
});
afterAll(async () => {
  await stack?.stop();
});

const auth = () => ({ 'content-type': 'application/json', authorization: `Bearer ${stack.token}` });

async function decide(applicationId: string, email: string): Promise<string> {
  const posted = await fetch(`${stack.api}/decisions`, {
    method: 'POST',
    headers: auth(),
    body: JSON.stringify(aDecision({ applicationId, candidate: { email } })),
  });
  expect(posted.status).toBe(202);
  return ((await posted.json()) as { noticeId: string }).noticeId;
}

/** Polled with a deadline: the timer runs on the stack's real clock, in another process. */
async function statusWithin(noticeId: string, wanted: string, ms: number): Promise<string> {
  const deadline = Date.now() + ms;
  let status = '';
  while (status !== wanted && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    const notice = await fetch(`${stack.api}/notices/${noticeId}`, { headers: auth() });
    status = ((await notice.json()) as { status: string }).status;
  }
  return status;
}

describe('npm start: the background sweep', () => {
  it('sends due notices without anyone calling the sweep, each once', async () => {
    const first = await decide('background-1', 'background-1@example.com');
    expect(await statusWithin(first, 'delivered', 30_000)).toBe('delivered');

    // A later decision goes out on a later sweep; none of the sweeps in between sent the first one again.
    const second = await decide('background-2', 'background-2@example.com');
    expect(await statusWithin(second, 'delivered', 30_000)).toBe('delivered');
    expect(await sentEmails(stack, 'background-1@example.com')).toHaveLength(1);
    expect(await sentEmails(stack, 'background-2@example.com')).toHaveLength(1);
    expect(stack.output().match(/sweep enqueued due notices .*enqueued=1/g)).toHaveLength(2);
  });
});
