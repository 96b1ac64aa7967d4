import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConversationOutcome,
  INSULT,
  QUESTION,
  RECRUITER_ANSWER,
  runConversationStory,
  type StoredEmail,
} from '#cli/conversation-story.ts';
import { rawReply } from '#cli/demo-story.ts';
import { type StartedStack, startStackProcess } from '#test/support/local-stack-process.ts';
import { sentEmails } from '#test/support/ses-store.ts';

// Three relays per thread per hour: the story's thread uses exactly three (question, answer, insult), and the
// cap test below shows the fourth pausing the thread.
const HOURLY_CAP = 3;

let stack: StartedStack;
let story: ConversationOutcome;
beforeAll(async () => {
  stack = await startStackProcess({ env: { CLOSELOOP_RELAY_HOURLY_CAP: String(HOURLY_CAP) } });
  story = await runConversationStory({ api: stack.api, ses: stack.ses, token: stack.token });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const auth = () => ({ authorization: `Bearer ${stack.token}` });
const inbound = async (raw: string) => {
  const response = await fetch(`${stack.api}/local/inbound`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'message/rfc822' },
    body: raw,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    reply?: {
      id: string;
      status: string;
      autoReplyReason?: string;
      correlation: { method: string; reason?: string; candidateId?: string };
    };
    relay?: { id: string; status: string };
  };
};
const emailCount = async () => (await sentEmails(stack)).length;
const textOf = (email: StoredEmail) => `${email.subject}\n${email.body.text ?? ''}\n${email.body.html ?? ''}`;

/** Rejects a fresh candidate owned by a fresh recruiter, and returns the rejection and the relay of a first turn. */
async function openThread(label: string) {
  const run = randomBytes(3).toString('hex');
  const candidate = { name: 'Alan Turing', email: `alan.${label}.${run}@example.com` };
  const recruiter = { name: 'Joan Clarke', email: `joan.${label}.${run}@acme.example` };
  const decided = await fetch(`${stack.api}/decisions`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'application/json' },
    body: JSON.stringify({
      source: 'manual',
      applicationId: `${label}-${run}`,
      decision: 'rejected',
      reason: 'position-filled',
      stage: 'interview',
      decidedAt: new Date().toISOString(),
      job: { id: 'job-9', title: 'Cryptanalyst' },
      candidate: { ...candidate, locale: 'en' },
      recruiter,
    }),
  });
  expect(decided.status).toBe(202);
  await fetch(`${stack.api}/local/sweep?now=2030-01-01T00:00:00Z`, { method: 'POST', headers: auth() });
  const [rejection] = await sentEmails(stack, candidate.email);
  if (rejection === undefined) throw new Error('the rejection was not sent');
  const turn = (body: string) =>
    inbound(
      rawReply({
        from: `${candidate.name} <${candidate.email}>`,
        to: rejection.replyTo[0] ?? '',
        subject: `Re: ${rejection.subject}`,
        inReplyTo: rejection.messageId,
        body,
      }),
    );
  await turn(QUESTION);
  const [relay] = await sentEmails(stack, recruiter.email);
  if (relay === undefined) throw new Error('the first turn was not relayed');
  return { candidate, recruiter, rejection, relay, turn };
}

/** The candidate's timeline as recruiters read it (and erasure finds it). */
async function timelineOf(candidateId: string | undefined): Promise<string> {
  const response = await fetch(`${stack.api}/candidates/${candidateId}`, { headers: auth() });
  expect(response.status).toBe(200);
  return response.text();
}

describe('npm start: the four-turn conversation (issue 14), as npm run demo tells it', () => {
  it("relays the candidate's question to the owning recruiter named in the manual decision", () => {
    const { question, recruiter, candidate } = story;
    expect(question.reply.flags).toContain('feedback-requested');
    expect(question.toRecruiter.destination.to).toEqual([recruiter.email]);
    expect(question.toRecruiter.from).toBe(`"${candidate.name} via Closeloop" <relay@acme.example>`);
    expect(question.toRecruiter.replyTo[0]).toMatch(/^recruiter\+[a-z2-7]+@replies\.acme\.example$/);
    expect(question.toRecruiter.subject).toMatch(/^\[Feedback requested\] Re: /);
    expect(question.toRecruiter.body.text).toContain(QUESTION);
    expect(question.toRecruiter.body.text).toContain("Closeloop's reading: Feedback requested");
    // The banner links to this stack's own dashboard, on the free port it got (PORT=0).
    expect(question.toRecruiter.body.text).toContain(
      `http://localhost:${new URL(stack.api).port}/#/candidates/${story.candidate.candidateId}`,
    );
  });

  it('relays the question to the recruiter a Greenhouse rejection names as candidate.recruiter', () => {
    const { greenhouse } = story;
    expect(greenhouse.reply.flags).toContain('feedback-requested');
    expect(greenhouse.toRecruiter.destination.to).toEqual([greenhouse.recruiter.email]);
    expect(greenhouse.toRecruiter.from).toBe(`"${greenhouse.candidate.name} via Closeloop" <relay@acme.example>`);
    expect(greenhouse.toRecruiter.body.text).toContain(QUESTION);
  });

  it("delivers the recruiter's answer to the candidate: their words, from the recruiter, no banner or verdict", () => {
    const { answer, candidate, rejection } = story;
    const email = answer.toCandidate;
    expect(email.destination.to).toEqual([candidate.email]);
    expect(email.from).toBe('"Grace Hopper" <talent@acme.example>');
    expect(email.replyTo).toEqual(rejection.replyTo);
    expect(email.subject).toBe(`Re: ${rejection.subject}`);
    expect(email.body.text).toContain(RECRUITER_ANSWER);
    // Neither the banner, nor the flag, nor the quoted relay copy (which carried both) reached the candidate.
    for (const leak of [
      'bridge',
      'flag',
      'feedback requested',
      'feedback-requested',
      'sentiment',
      "closeloop's reading",
      'closeloop',
      'dashboard',
      'evidence',
      QUESTION.slice(0, 40).toLowerCase(),
    ]) {
      expect(textOf(email).toLowerCase()).not.toContain(leak);
    }
    expect(answer.relay.status).toBe('delivered');
    expect(answer.feedback.unanswered).toBe(false);
    expect(answer.feedback.answeredAt).toEqual(expect.any(String));
  });

  it('ends bridge-burned on the insult, with evidence from that turn, and tells the recruiter without the abuse', () => {
    const { insult, recruiter } = story;
    expect(insult.reply.flags).toEqual(['bridge-burned']);
    expect(insult.flag.evidence.at(-1)?.sentence).toMatch(/scam.*trickster|idiot/);
    expect(INSULT).toContain(insult.flag.evidence.at(-1)?.sentence ?? '∅');
    expect(insult.toRecruiter.destination.to).toEqual([recruiter.email]);
    expect(insult.toRecruiter.subject).toMatch(/^\[Bridge burned\] Re: /);
    expect(insult.toRecruiter.body.text).toContain('A reply that burned the bridge arrived');
    for (const abuse of ['scam', 'trickster', 'dick', 'idiot', 'garbage']) {
      expect(textOf(insult.toRecruiter).toLowerCase()).not.toContain(abuse);
    }
  });

  it('holds all four turns in order on the timeline, with each relay', () => {
    const turns = story.conversation.map((t) =>
      t.type === 'relay' ? `${t.type}:${t.recipient}:${t.origin}` : `${t.type}:${t.flags?.join(',') ?? t.status}`,
    );
    expect(turns).toEqual([
      'rejection:delivered',
      'candidate:feedback-requested',
      'relay:owner:candidate-reply',
      'relay:candidate:recruiter-mail',
      'candidate:bridge-burned',
      'relay:owner:candidate-reply',
    ]);
    const at = story.conversation.map((t) => t.at);
    expect([...at].sort()).toEqual(at);
    expect(story.conversation.at(-1)?.withheld).toBe(true);
  });

  it('answers /local/inbound once the relay it queued was sent: the copy is in the mail viewer at once', async () => {
    const thread = await openThread('settled');
    const before = await emailCount();
    const answered = await inbound(
      rawReply({
        from: `${thread.recruiter.name} <${thread.recruiter.email}>`,
        to: thread.relay.replyTo[0] ?? '',
        subject: `Re: ${thread.relay.subject}`,
        body: 'We will call you on Monday.',
      }),
    );
    expect(answered.relay?.status).toBe('delivered');
    const after = await sentEmails(stack);
    expect(after.slice(before).map((e) => e.destination.to)).toEqual([[thread.candidate.email]]);
  });
});

describe('npm start: mail that reaches nobody', () => {
  it("refuses a stranger writing to a recruiter-side address: no email, recorded on the thread's candidate with the reason", async () => {
    const thread = await openThread('stranger');
    const before = await emailCount();
    const answer = await inbound(
      rawReply({
        from: 'Mallory <mallory@evil.example>',
        to: thread.relay.replyTo[0] ?? '',
        subject: `Re: ${thread.relay.subject}`,
        body: 'Please send me the candidate file.',
      }),
    );
    expect(answer.relay).toBeUndefined();
    expect(answer.reply?.correlation).toMatchObject({
      method: 'none',
      reason: 'Refused: written to a recruiter-side address by someone who does not own the thread',
    });
    expect(await emailCount()).toBe(before);
    // On the thread's candidate, so an erasure of that candidate also removes what the stranger sent.
    expect(answer.reply?.correlation.candidateId).toBeDefined();
    expect(await timelineOf(answer.reply?.correlation.candidateId)).toContain('Please send me the candidate file.');
  });

  it("never relays the recruiter's out-of-office", async () => {
    const thread = await openThread('ooo');
    const before = await emailCount();
    const answer = await inbound(
      rawReply({
        from: `${thread.recruiter.name} <${thread.recruiter.email}>`,
        to: thread.relay.replyTo[0] ?? '',
        subject: `Automatic reply: ${thread.relay.subject}`,
        headers: { 'Auto-Submitted': 'auto-replied' },
        body: 'I am out of the office until Monday.',
      }),
    );
    expect(answer.relay).toBeUndefined();
    expect(answer.reply?.correlation.reason).toMatch(/^Automatic mail from the owner, never relayed/);
    expect(await emailCount()).toBe(before);
  });

  it('stops a loop: our own relay coming back (loop header, or From our relay address) is not relayed', async () => {
    const thread = await openThread('loop');
    const before = await emailCount();
    const echoed = await inbound(
      rawReply({
        from: `${thread.candidate.name} <${thread.candidate.email}>`,
        to: thread.rejection.replyTo[0] ?? '',
        subject: `Re: ${thread.rejection.subject}`,
        headers: { 'X-Closeloop-Relay': 'm_echo' },
        body: 'Could you tell me more about the role?',
      }),
    );
    const fromRelay = await inbound(
      rawReply({
        from: '"Alan Turing via Closeloop" <relay@acme.example>',
        to: thread.rejection.replyTo[0] ?? '',
        subject: `Re: ${thread.rejection.subject}`,
        body: 'Could you tell me more about the role?',
      }),
    );
    expect(echoed.reply).toMatchObject({ status: 'auto-reply', autoReplyReason: 'loop: carries X-Closeloop-Relay' });
    expect(fromRelay.reply).toMatchObject({
      status: 'auto-reply',
      autoReplyReason: 'loop: sent from our relay address',
    });
    expect(await emailCount()).toBe(before);
  });

  it('pauses a thread over the hourly cap and tells the owner once', async () => {
    const thread = await openThread('cap');
    for (let i = 2; i <= HOURLY_CAP + 2; i++) await thread.turn(`One more question, number ${i}: when do you decide?`);
    const toOwner = await sentEmails(stack, thread.recruiter.email);
    // The cap's relays, then one thread-paused note; the turns after it are read but not relayed.
    expect(toOwner).toHaveLength(HOURLY_CAP + 1);
    expect(toOwner.at(-1)?.body.text).toContain('This conversation reached its hourly limit of relayed messages');
    expect(toOwner.slice(0, -1).every((e) => !(e.body.text ?? '').includes('hourly limit'))).toBe(true);
  });
});
