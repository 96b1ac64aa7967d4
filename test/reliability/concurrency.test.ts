import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDecision } from '#test/support/builders.ts';
import { type StartedStack, startStackProcess } from '#test/support/local-stack-process.ts';
import { reportFigures } from '#test/support/reliability-report.ts';
import { sentEmails } from '#test/support/ses-store.ts';
import { genericRequest } from '#test/support/webhook-fixtures.ts';

const DECISIONS = 100;
const DELIVERIES_EACH = 10;
/** Requests in flight at once: the ten copies of a decision are always in flight together. */
const IN_FLIGHT = 50;

let stack: StartedStack;
beforeAll(async () => {
  stack = await startStackProcess({ env: { CLOSELOOP_SES_MAX_SEND_RATE: '200', LOG_LEVEL: 'warn' } });
});
afterAll(async () => {
  await stack?.stop();
});

const email = (i: number) => `concurrent${i}@example.com`;

/**
 * One delivery of decision `i`: the first half of the decisions arrive through `POST /decisions`, the other half as
 * signed generic webhooks, each time under a new delivery id, so only the decision-level dedupe can catch them.
 */
function deliver(i: number, attempt: number): Promise<Response> {
  const decision = aDecision({ applicationId: `concurrent-${i}`, candidate: { email: email(i) } });
  if (i < DECISIONS / 2) {
    return fetch(`${stack.api}/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` },
      body: JSON.stringify(decision),
    });
  }
  const { source: _source, ...rest } = decision;
  const body = JSON.stringify({ type: 'decision.rejected', id: `delivery-${i}-${attempt}`, decision: rest });
  const request = genericRequest(body, { at: new Date() });
  return fetch(`${stack.api}/webhooks/generic`, { method: 'POST', headers: request.headers, body: request.body });
}

describe('concurrency: the same decisions delivered many times at once', () => {
  it(`sends exactly ${DECISIONS} emails for ${DECISIONS} decisions delivered ${DELIVERIES_EACH} times each in parallel, swept by concurrent sweeps`, async () => {
    const started = Date.now();
    // Every delivery of every decision, the copies of one decision next to each other so they race.
    const jobs = Array.from({ length: DECISIONS * DELIVERIES_EACH }, (_, k) => ({
      i: Math.floor(k / DELIVERIES_EACH),
      attempt: k % DELIVERIES_EACH,
    }));
    const answers: { i: number; status: number; noticeId: string | undefined }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++];
          if (job === undefined) break;
          const response = await deliver(job.i, job.attempt);
          const body = (await response.json()) as { noticeId?: string };
          answers.push({ i: job.i, status: response.status, noticeId: body.noticeId });
        }
      }),
    );

    const deliveredMs = Date.now() - started;
    const statuses: Record<number, number> = {};
    for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
    expect(Object.keys(statuses).sort()).toEqual(['200', '202']);
    expect(statuses[202]).toBe(DECISIONS);
    const noticesPerDecision = new Map<number, Set<string | undefined>>();
    for (const a of answers) noticesPerDecision.set(a.i, (noticesPerDecision.get(a.i) ?? new Set()).add(a.noticeId));
    for (const [i, notices] of noticesPerDecision) {
      expect(
        [...notices].filter((n) => n !== undefined),
        `decision ${i}`,
      ).toHaveLength(1);
    }

    // Three sweeps at once, then two more: each notice is leased by one of them.
    const sweep = async () =>
      (await (
        await fetch(`${stack.api}/local/sweep?now=2030-01-01T00:00:00Z`, {
          method: 'POST',
          headers: { authorization: `Bearer ${stack.token}` },
        })
      ).json()) as {
        enqueued: number;
        outcomes: Record<string, number>;
      };
    const sweeps = [...(await Promise.all([sweep(), sweep(), sweep()])), await sweep(), await sweep()];
    const enqueued = sweeps.reduce((n, s) => n + s.enqueued, 0);
    const sent = sweeps.reduce((n, s) => n + (s.outcomes.sent ?? 0), 0);

    const emails = await sentEmails(stack);
    const perRecipient = new Map<string, number>();
    for (const e of emails) for (const to of e.destination.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    reportFigures('concurrency', {
      decisions: DECISIONS,
      deliveries: answers.length,
      answers: statuses,
      sweeps: sweeps.length,
      enqueued,
      emails: emails.length,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      deliverySeconds: Math.round(deliveredMs / 100) / 10,
    });

    expect(emails).toHaveLength(DECISIONS);
    expect(enqueued).toBe(DECISIONS);
    expect(sent).toBe(DECISIONS);
    for (let i = 0; i < DECISIONS; i++) expect(perRecipient.get(email(i)), email(i)).toBe(1);
  });
});
