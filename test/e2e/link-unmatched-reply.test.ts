import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawReply } from '#cli/demo-story.ts';
import { type StartedStack, startStackProcess } from '#test/support/local-stack-process.ts';
import { sentEmails } from '#test/support/ses-store.ts';

let stack: StartedStack;
beforeAll(async () => {
  stack = await startStackProcess();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const auth = () => ({ authorization: `Bearer ${stack.token}` });
const post = (path: string, body: unknown) =>
  fetch(`${stack.api}${path}`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const QUESTION = 'Could you tell me what I could improve for next time? Some feedback would help a lot.';

/** A rejected candidate whose notice was sent, and the recruiter who owns them. */
async function rejected() {
  const run = randomBytes(3).toString('hex');
  const candidate = { name: 'Alan Turing', email: `alan.${run}@example.com` };
  const recruiter = { name: 'Joan Clarke', email: `joan.${run}@acme.example` };
  const decided = await post('/decisions', {
    source: 'manual',
    applicationId: `link-${run}`,
    decision: 'rejected',
    reason: 'position-filled',
    stage: 'interview',
    decidedAt: new Date().toISOString(),
    job: { id: 'job-9', title: 'Cryptanalyst' },
    candidate: { ...candidate, locale: 'en' },
    recruiter,
  });
  expect(decided.status).toBe(202);
  const { candidateId } = (await decided.json()) as { candidateId: string };
  await fetch(`${stack.api}/local/sweep?now=2030-01-01T00:00:00Z`, { method: 'POST', headers: auth() });
  expect(await sentEmails(stack, candidate.email)).toHaveLength(1);
  return { candidate, recruiter, candidateId, run };
}

/** Mail from an address we never wrote to, to the plain reply address: nothing ties it to a notice. */
async function unmatched(from: string, body: string): Promise<string> {
  const response = await fetch(`${stack.api}/local/inbound`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'message/rfc822' },
    body: rawReply({ from, to: 'talent@replies.acme.example', subject: 'About my application', body }),
  });
  expect(response.status).toBe(200);
  const { reply } = (await response.json()) as { reply: { id: string; correlation: { method: string } } };
  expect(reply.correlation.method).toBe('none');
  return reply.id;
}

describe('npm start: an unmatched reply linked to a candidate from the API (issue 15)', () => {
  it('flags the candidate and relays the reply to the owner once, however often it is linked', async () => {
    const { recruiter, candidateId, run } = await rejected();
    const replyId = await unmatched(`Alan T <alan.private.${run}@example.net>`, QUESTION);

    const first = await post(`/replies/${replyId}/link`, { candidateId });
    const again = await post(`/replies/${replyId}/link`, { candidateId });

    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({
      state: 'linked',
      reply: { correlation: { method: 'linked', candidateId, senderMatchesCandidate: false } },
    });
    // Another address than the candidate's: at most needs-review, and that is raised.
    const flag = await fetch(`${stack.api}/candidates/${candidateId}/flags/needs-review`, { headers: auth() });
    expect(flag.status).toBe(200);
    expect(await flag.json()).toMatchObject({ status: 'raised', replyIds: [replyId] });
    const relays = await sentEmails(stack, recruiter.email);
    expect(relays).toHaveLength(1);
    expect(relays[0]?.body.text).toContain(QUESTION);
    const list = await fetch(`${stack.api}/replies/unmatched?limit=100`, { headers: auth() });
    const { replies } = (await list.json()) as { replies: { id: string }[] };
    expect(replies.map((r) => r.id)).not.toContain(replyId);
  });

  it('dismisses another: off the list, and no longer linkable', async () => {
    const { candidateId, run } = await rejected();
    const replyId = await unmatched(`Someone <someone.${run}@example.org>`, 'Is this the right address for invoices?');

    const dismissed = await post(`/replies/${replyId}/dismiss`, { reason: 'Not a candidate' });

    expect(dismissed.status).toBe(200);
    expect(await dismissed.json()).toMatchObject({ resolution: { action: 'dismissed', reason: 'Not a candidate' } });
    expect((await post(`/replies/${replyId}/link`, { candidateId })).status).toBe(409);
  });
});
