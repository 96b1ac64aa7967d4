/**
 * The reply loop as a story, told against a running local stack over HTTP: two candidates are rejected,
 * one answers warmly, one burns the bridge, and an out-of-office answer changes nothing. `npm run demo`
 * prints it; the e2e test runs the same story and checks every step.
 */
import { randomBytes } from 'node:crypto';
import { errorMessage } from '#core/domain/error-message.ts';
import { definedFields } from '#core/domain/optional.ts';

export interface StackEndpoints {
  readonly api: string;
  readonly ses: string;
  readonly token: string;
}

interface SentEmail {
  readonly messageId: string;
  readonly replyTo: string[];
  readonly destination: { to: string[] };
  readonly subject: string;
  readonly body: { text?: string };
}

export interface ReplyView {
  readonly id: string;
  readonly status: string;
  readonly text: string;
  readonly autoReplyReason?: string;
  readonly correlation: { method: string; candidateId?: string; noticeId?: string };
  readonly classification?: {
    sentiment: { label: string; score: number };
    hostile: boolean;
    borderline: boolean;
    hostility: number;
    categories: string[];
    intents: string[];
    evidence: { sentence: string; categories: string[] }[];
  };
  readonly flags: string[];
}

export interface FlagView {
  readonly flag: string;
  readonly status: string;
  readonly reason: string;
  readonly evidence: { sentence: string; categories: string[] }[];
  readonly answeredAt?: string;
  readonly unanswered?: boolean;
}

export interface CandidateOutcome {
  readonly name: string;
  readonly email: string;
  readonly candidateId: string;
  readonly noticeId: string;
  readonly received: { subject: string; text: string; replyTo: string };
  readonly reply: ReplyView;
}

export interface StoryOutcome {
  readonly ada: CandidateOutcome;
  readonly bob: CandidateOutcome;
  readonly outOfOffice: ReplyView;
  readonly flags: Readonly<Record<string, readonly FlagView[]>>;
}

export const WARM_REPLY =
  "Thank you so much for letting me know, and for your time. I'd love to stay in touch, and if you hear of a role that fits me, I'd be grateful if you could recommend me.";
export const HOSTILE_REPLY = "This job must be a scam and you the trickster … you're a dick.";

export class StackNotRunningError extends Error {}

/** Builds a raw RFC 822 reply the way a mail client would (CRLF line ends). */
export function rawReply(parts: {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly inReplyTo?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}): string {
  return [
    `From: ${parts.from}`,
    `To: ${parts.to}`,
    `Subject: ${parts.subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${randomBytes(12).toString('hex')}@mail.example.com>`,
    ...(parts.inReplyTo === undefined ? [] : [`In-Reply-To: <${parts.inReplyTo}>`]),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    ...Object.entries(parts.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    '',
    parts.body,
  ]
    .join('\n')
    .replace(/\r?\n/g, '\r\n');
}

/** Quotes our email as Gmail does, under the candidate's own words. */
function gmailReply(words: string, email: SentEmail): string {
  const quoted = (email.body.text ?? '').split('\n').map((line) => (line === '' ? '>' : `> ${line}`));
  return `${words}\n\nOn ${new Date().toDateString()}, Acme Talent <talent@acme.example> wrote:\n\n${quoted.join('\n')}`;
}

/** Quotes our email as Outlook does: a From/Sent/To/Subject block, the text unmarked. */
function outlookReply(words: string, email: SentEmail, to: string): string {
  return [
    words,
    '',
    '________________________________',
    'From: Acme Talent <talent@acme.example>',
    `Sent: ${new Date().toUTCString()}`,
    `To: ${to}`,
    `Subject: ${email.subject}`,
    '',
    email.body.text ?? '',
  ].join('\n');
}

export function storyClient(endpoints: StackEndpoints) {
  const call = async (path: string, init: RequestInit = {}): Promise<Response> => {
    try {
      return await fetch(`${endpoints.api}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${endpoints.token}`, ...(init.headers ?? {}) },
      });
    } catch (e: unknown) {
      throw new StackNotRunningError(
        `Closeloop is not running at ${endpoints.api} (${errorMessage(e)}). Start it with \`npm start\`, or pass --api <url>.`,
      );
    }
  };
  const json = async <T>(path: string, init: RequestInit = {}, expected: number[] = [200]): Promise<T> => {
    const response = await call(path, init);
    const body = await response.text();
    if (!expected.includes(response.status)) {
      const hint = response.status === 401 ? ' (wrong token? pass --token or set CLOSELOOP_API_TOKEN)' : '';
      throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}${hint}: ${body.slice(0, 300)}`);
    }
    return JSON.parse(body) as T;
  };
  const sentEmails = async (): Promise<SentEmail[]> => {
    // The mail viewer's store asks for the dev token too (functions/local/emulator-guard.ts).
    const response = await fetch(`${endpoints.ses}/store`, {
      headers: { authorization: `Bearer ${endpoints.token}` },
    }).catch((e: unknown) => {
      throw new StackNotRunningError(
        `The mail viewer is not answering at ${endpoints.ses} (${errorMessage(e)}); pass --ses <url>.`,
      );
    });
    return ((await response.json()) as { emails: SentEmail[] }).emails;
  };
  return { call, json, sentEmails };
}

type StoryClient = ReturnType<typeof storyClient>;
type Person = { readonly key: 'ada' | 'bob'; readonly name: string; readonly email: string; readonly job: string };

/** What every step of the story shares: the stack, the narrator, this run's two candidates. */
interface Story {
  readonly endpoints: StackEndpoints;
  readonly client: StoryClient;
  readonly say: (line: string) => void;
  readonly run: string;
  readonly people: readonly [Person, Person];
}

/** Runs the story; `say` narrates each step (the demo prints it, the e2e test ignores it). */
export async function runStory(
  endpoints: StackEndpoints,
  say: (line: string) => void = () => {},
): Promise<StoryOutcome> {
  const client = storyClient(endpoints);
  await client.json('/health');
  const run = randomBytes(3).toString('hex');
  const story: Story = {
    endpoints,
    client,
    say,
    run,
    people: [
      { key: 'ada', name: 'Ada Lovelace', email: `ada.${run}@example.com`, job: 'Analytical Engineer' },
      { key: 'bob', name: 'Bob Stone', email: `bob.${run}@example.com`, job: 'Analytical Engineer' },
    ],
  };
  const decisions = await rejectBoth(story);
  const received = await sweepAndCollect(story);

  say('\n3. What each candidate received, what they answered, and what Closeloop made of it.');
  const outcomes: Record<string, CandidateOutcome> = {};
  for (const p of story.people) {
    const decision = decisions[p.key];
    if (decision === undefined) throw new Error(`no decision for ${p.key}`);
    outcomes[p.key] = await answerAndTell(story, p, received(p.email), decision);
  }

  say('\n4. An out-of-office answer arrives for Ada.');
  const [ada] = story.people;
  const outOfOffice = (
    await answer(
      story,
      ada,
      received(ada.email),
      'I am out of the office until Monday with limited access to email.',
      { 'Auto-Submitted': 'auto-replied' },
      `Automatic reply: ${received(ada.email).subject}`,
    )
  ).reply;
  say(`   recorded as ${outOfOffice.status} (${outOfOffice.autoReplyReason}); not classified, no flag changed.`);

  const flags = await recruiterFlags(story, outcomes);
  const adaOutcome = outcomes.ada;
  const bobOutcome = outcomes.bob;
  if (adaOutcome === undefined || bobOutcome === undefined) throw new Error('the story lost a candidate');
  return { ada: adaOutcome, bob: bobOutcome, outOfOffice, flags };
}

/** Step 1: both candidates rejected through the API, as a manual decision. */
async function rejectBoth(story: Story): Promise<Record<string, { noticeId: string; candidateId: string }>> {
  const { client, run, say } = story;
  say('1. Two candidates are rejected for the Analytical Engineer role.');
  const decisions: Record<string, { noticeId: string; candidateId: string }> = {};
  for (const p of story.people) {
    const result = await client.json<{ noticeId: string; candidateId: string }>(
      '/decisions',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          source: 'manual',
          applicationId: `demo-${p.key}-${run}`,
          decision: 'rejected',
          reason: 'position-filled',
          stage: 'interview',
          decidedAt: new Date().toISOString(),
          job: { id: 'job-demo', title: p.job },
          candidate: { name: p.name, email: p.email, locale: 'en' },
        }),
      },
      [200, 202],
    );
    decisions[p.key] = result;
    say(`   ${p.name} <${p.email}>: notice ${result.noticeId} scheduled`);
  }
  return decisions;
}

/** Step 2: the sweep sends what is due; returns the last email each address received. */
async function sweepAndCollect(story: Story): Promise<(to: string) => SentEmail> {
  const { client, say } = story;
  say('\n2. The sweep sends what is due (as of a later instant, so nobody waits for the send delay).');
  const sweep = await client.json<{ outcomes: Record<string, number> }>('/local/sweep?now=2030-01-01T00:00:00Z', {
    method: 'POST',
  });
  say(`   sweep outcomes: ${JSON.stringify(sweep.outcomes)}`);
  const emails = await client.sentEmails();
  return (to) => {
    const email = emails.filter((e) => e.destination.to.includes(to)).at(-1);
    if (email === undefined) throw new Error(`No email was sent to ${to}; is the sweep running?`);
    return email;
  };
}

/** A candidate's answer to our email, delivered to the local stack's inbound endpoint. */
function answer(
  story: Story,
  p: Person,
  email: SentEmail,
  body: string,
  headers?: Record<string, string>,
  subject = `Re: ${email.subject}`,
) {
  return story.client.json<{ duplicate: boolean; reply: ReplyView }>('/local/inbound', {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822' },
    body: rawReply({
      from: `${p.name} <${p.email}>`,
      to: email.replyTo[0] ?? '',
      subject,
      inReplyTo: email.messageId,
      body,
      ...definedFields({ headers }),
    }),
  });
}

/** Step 3, for one candidate: Ada answers warmly from Gmail, Bob with hostility from Outlook; what was kept. */
async function answerAndTell(
  story: Story,
  p: Person,
  email: SentEmail,
  decision: { noticeId: string; candidateId: string },
): Promise<CandidateOutcome> {
  const { say } = story;
  const body =
    p.key === 'ada' ? gmailReply(WARM_REPLY, email) : outlookReply(HOSTILE_REPLY, email, `${p.name} <${p.email}>`);
  const { reply } = await answer(story, p, email, body);
  say(`\n   ${p.name} received "${email.subject}" (Reply-To ${email.replyTo[0]})`);
  say(
    `   ${(email.body.text ?? '')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(0, 2)
      .join(' / ')} …`,
  );
  say(`   ${p.name} answered (quoting the email, as ${p.key === 'ada' ? 'Gmail' : 'Outlook'} does); Closeloop kept:`);
  say(`     "${reply.text}"`);
  const c = reply.classification;
  if (c !== undefined) {
    say(
      `   sentiment ${c.sentiment.label} (${c.sentiment.score.toFixed(2)}), hostility ${c.hostility.toFixed(2)}` +
        `${c.categories.length > 0 ? ` [${c.categories.join(', ')}]` : ''}, intents: ${c.intents.join(', ') || 'none'}`,
    );
  }
  say(`   correlated by ${reply.correlation.method} → flags raised: ${reply.flags.join(', ') || 'none'}`);
  return {
    name: p.name,
    email: p.email,
    candidateId: decision.candidateId,
    noticeId: decision.noticeId,
    received: { subject: email.subject, text: email.body.text ?? '', replyTo: email.replyTo[0] ?? '' },
    reply,
  };
}

/** Step 5: the flags recruiters see on each candidate, and how to confirm or dismiss one. */
async function recruiterFlags(
  story: Story,
  outcomes: Record<string, CandidateOutcome>,
): Promise<Record<string, FlagView[]>> {
  const { client, say, endpoints } = story;
  say('\n5. What recruiters see on each candidate.');
  const flags: Record<string, FlagView[]> = {};
  for (const p of story.people) {
    const outcome = outcomes[p.key];
    if (outcome === undefined) continue;
    flags[p.key] = [];
    for (const flag of ['warm', 'bridge-burned', 'needs-review', 'feedback-requested', 'withdrew']) {
      const response = await client.call(`/candidates/${outcome.candidateId}/flags/${flag}`);
      if (response.status !== 200) continue;
      const view = (await response.json()) as FlagView;
      flags[p.key]?.push(view);
      say(`   ${p.name}: ${view.flag} (${view.status}) — ${view.reason}`);
      for (const e of view.evidence) say(`     evidence: "${e.sentence}" [${e.categories.join(', ')}]`);
    }
  }
  say('\nConfirm or dismiss a flag (with a reason, kept in its history):');
  say(
    `   curl -X POST ${endpoints.api}/candidates/${outcomes.bob?.candidateId}/flags/bridge-burned/confirm \\\n` +
      `     -H "Authorization: Bearer $CLOSELOOP_API_TOKEN" -H 'Content-Type: application/json' -d '{"reason":"Read it; abusive."}'`,
  );

  return flags;
}
