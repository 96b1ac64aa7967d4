/**
 * The conversation as a story, told against a running local stack over HTTP (issue 14's four turns): Katherine
 * is rejected; she asks what fell short and the question reaches Grace, the recruiter who owns her; Grace answers
 * from her mail client and Katherine gets only Grace's words; Katherine answers with insults and Grace is told a
 * bridge burned, without the abuse. Then a Greenhouse rejection whose candidate has a recruiter: that recruiter
 * gets the question.
 * `npm run demo` prints it; test/e2e/conversation.test.ts runs the same story and checks every step.
 *
 * `POST /local/inbound` answers once the relay it queued has been sent (local stack only), so every email is in
 * the mail viewer when the next step reads it; `emailTo` still polls briefly, with a deadline, for a stack that
 * sends in the background.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { LOCAL_SECRET_DEFAULTS } from '#adapters/secrets/secret-values.ts';
import { type FlagView, type ReplyView, rawReply, type StackEndpoints, storyClient } from './demo-story.ts';

export interface StoredEmail {
  readonly messageId: string;
  readonly from: string;
  readonly replyTo: string[];
  readonly destination: { to: string[] };
  readonly subject: string;
  readonly body: { text?: string; html?: string };
}

export interface ConversationTurnView {
  readonly type: 'rejection' | 'candidate' | 'relay';
  readonly at: string;
  readonly status: string;
  readonly subject?: string;
  readonly text?: string;
  readonly flags?: string[];
  readonly direction?: 'to-recruiter' | 'to-candidate';
  readonly recipient?: 'owner' | 'candidate';
  readonly to?: string;
  readonly origin?: string;
  readonly withheld?: boolean;
}

interface RelayRef {
  readonly id: string;
  readonly direction: string;
  readonly status: string;
}
interface InboundAnswer {
  readonly duplicate: boolean;
  readonly reply?: ReplyView;
  readonly relay?: RelayRef;
}

export interface Person {
  readonly name: string;
  readonly email: string;
}

export interface ConversationOutcome {
  readonly candidate: Person & { readonly candidateId: string; readonly noticeId: string };
  readonly recruiter: Person;
  readonly rejection: StoredEmail;
  readonly question: { readonly reply: ReplyView; readonly toRecruiter: StoredEmail };
  readonly answer: { readonly relay: RelayRef; readonly toCandidate: StoredEmail; readonly feedback: FlagView };
  readonly insult: { readonly reply: ReplyView; readonly toRecruiter: StoredEmail; readonly flag: FlagView };
  readonly conversation: ConversationTurnView[];
  readonly greenhouse: {
    readonly candidate: Person;
    readonly recruiter: Person;
    readonly reply: ReplyView;
    readonly toRecruiter: StoredEmail;
  };
}

export const QUESTION =
  'Could you tell me which parts of my experience fell short? Any feedback would help me prepare for the next one.';
export const RECRUITER_ANSWER =
  'Thank you for asking. Your SQL was strong; the system design round fell short: the caching and failure cases stayed thin. I will watch for a better match and write to you when one opens.';
export const INSULT =
  "Your specifics are garbage. This job was a scam all along and you are a trickster, you're a dick. Never write to me again, idiot.";

/** Quotes an email as Gmail does, under the sender's own words. */
export function gmailQuote(words: string, quoted: StoredEmail): string {
  const lines = (quoted.body.text ?? '').split('\n').map((line) => (line === '' ? '>' : `> ${line}`));
  return `${words}\n\nOn ${new Date().toDateString()}, ${quoted.from} wrote:\n\n${lines.join('\n')}`;
}

/** The first line of a relay's banner ("Closeloop's reading: …"), or its first line when it has none. */
export function bannerReading(email: StoredEmail): string {
  const lines = (email.body.text ?? '').split('\n').filter((l) => l.trim() !== '');
  return lines.find((l) => l.startsWith("Closeloop's reading")) ?? lines[0] ?? '';
}

function conversationClient(endpoints: StackEndpoints) {
  const client = storyClient(endpoints);
  const post = <T>(path: string, body: unknown, expected = [200, 202]) =>
    client.json<T>(
      path,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      expected,
    );
  const sweep = () =>
    client.json<{ outcomes: Record<string, number> }>('/local/sweep?now=2030-01-01T00:00:00Z', { method: 'POST' });
  const inbound = (raw: string) =>
    client.json<InboundAnswer>('/local/inbound', {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: raw,
    });
  /** The newest email to `to` that `seen` did not hold, waiting up to `deadlineMs` for it. */
  const emailTo = async (to: string, seen: number, deadlineMs = 10_000): Promise<StoredEmail> => {
    const until = Date.now() + deadlineMs;
    for (;;) {
      const emails = (await client.sentEmails()) as StoredEmail[];
      const fresh = emails.slice(seen).filter((e) => e.destination.to.includes(to));
      const last = fresh.at(-1);
      if (last !== undefined) return last;
      if (Date.now() > until) throw new Error(`No new email reached ${to} within ${deadlineMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const storeSize = async () => (await client.sentEmails()).length;
  const flag = (candidateId: string, name: string) => client.json<FlagView>(`/candidates/${candidateId}/flags/${name}`);
  return { ...client, post, sweep, inbound, emailTo, storeSize, flag };
}

type Client = ReturnType<typeof conversationClient>;

function show(say: (line: string) => void, label: string, email: StoredEmail): void {
  say(`   ${label}`);
  say(`     To:       ${email.destination.to.join(', ')}`);
  say(`     From:     ${email.from}`);
  say(`     Reply-To: ${email.replyTo.join(', ')}`);
  say(`     Subject:  ${email.subject}`);
}

function indent(text: string, prefix = '     | '): string {
  return text
    .trim()
    .split('\n')
    .map((l) => `${prefix}${l}`)
    .join('\n');
}

/** Runs the four turns and the Greenhouse owner; `say` narrates (the demo prints it, the e2e test ignores it). */
export async function runConversationStory(
  endpoints: StackEndpoints,
  say: (line: string) => void = () => {},
  options: { readonly greenhouseSecret?: string } = {},
): Promise<ConversationOutcome> {
  const client = conversationClient(endpoints);
  await client.json('/health');
  const run = randomBytes(3).toString('hex');
  const ada = { name: 'Katherine Johnson', email: `katherine.${run}@example.com` };
  const grace = { name: 'Grace Hopper', email: `grace.${run}@acme.example` };

  say(`0. Grace Hopper <${grace.email}> rejects Katherine Johnson for Data Engineer and owns the thread.`);
  const decision = await client.post<{ noticeId: string; candidateId: string }>('/decisions', {
    source: 'manual',
    applicationId: `conversation-${run}`,
    decision: 'rejected',
    reason: 'skills-mismatch',
    stage: 'interview',
    decidedAt: new Date().toISOString(),
    job: { id: 'job-7', title: 'Data Engineer' },
    candidate: { ...ada, locale: 'en' },
    recruiter: grace,
  });
  say(`   notice ${decision.noticeId}; the sweep sends it: ${JSON.stringify((await client.sweep()).outcomes)}`);

  const rejection = await client.emailTo(ada.email, 0);
  say('\n1. The rejection arrives.');
  show(say, `Katherine's inbox:`, rejection);

  const turns = await playTurns(client, say, { ada, grace, rejection, candidateId: decision.candidateId });

  say('\n5. The timeline (GET /candidates/{id}): every turn, in order.');
  const conversation = await timeline(client, decision.candidateId, decision.noticeId);
  for (const turn of conversation) say(`   ${describeTurn(turn)}`);

  const greenhouse = await greenhouseOwner(client, say, run, options.greenhouseSecret);
  return {
    candidate: { ...ada, candidateId: decision.candidateId, noticeId: decision.noticeId },
    recruiter: grace,
    rejection,
    ...turns,
    conversation,
    greenhouse,
  };
}

async function playTurns(
  client: Client,
  say: (line: string) => void,
  thread: { ada: Person; grace: Person; rejection: StoredEmail; candidateId: string },
): Promise<Pick<ConversationOutcome, 'question' | 'answer' | 'insult'>> {
  const { ada, grace, rejection, candidateId } = thread;

  say('\n2. Katherine asks which parts of her experience fell short (answering the Reply-To, quoting the email).');
  let seen = await client.storeSize();
  const question = await candidateTurn(client, ada, rejection, gmailQuote(QUESTION, rejection));
  const questionRelay = await client.emailTo(grace.email, seen);
  say(`   Closeloop read: flags ${question.flags.join(', ') || 'none'}; relayed to the owner:`);
  show(say, `Grace's inbox:`, questionRelay);
  say(`     Banner:   ${bannerReading(questionRelay)}`);

  say('\n3. Grace answers from her mail client, quoting the relay copy as Gmail does.');
  seen = await client.storeSize();
  const answered = await client.inbound(
    rawReply({
      from: `${grace.name} <${grace.email}>`,
      to: questionRelay.replyTo[0] ?? '',
      subject: `Re: ${questionRelay.subject}`,
      inReplyTo: questionRelay.messageId,
      body: gmailQuote(`${RECRUITER_ANSWER}\n\nGrace`, questionRelay),
    }),
  );
  if (answered.relay === undefined) throw new Error(`Grace's answer was not relayed: ${JSON.stringify(answered)}`);
  const answerEmail = await client.emailTo(ada.email, seen);
  show(
    say,
    `Katherine's inbox (relay ${answered.relay.id}, ${answered.relay.status}): Grace's words only, no banner`,
    answerEmail,
  );
  say(indent(answerEmail.body.text ?? ''));
  const feedback = await client.flag(candidateId, 'feedback-requested');
  say(`   feedback-requested: ${feedback.unanswered ? 'still unanswered' : `answered at ${feedback.answeredAt}`}`);

  say('\n4. Katherine answers with insults, calls the job a scam and Grace a trickster.');
  seen = await client.storeSize();
  const insult = await candidateTurn(client, ada, answerEmail, gmailQuote(INSULT, answerEmail));
  const insultRelay = await client.emailTo(grace.email, seen);
  const burned = await client.flag(candidateId, 'bridge-burned');
  say(
    `   Closeloop read: flags ${insult.flags.join(', ') || 'none'}; ${burned.flag} (${burned.status}): ${burned.reason}`,
  );
  for (const e of burned.evidence) say(`     evidence: "${e.sentence}" [${e.categories.join(', ')}]`);
  show(say, `Grace's inbox (hostile policy summary: told, without the abuse):`, insultRelay);
  say(indent(insultRelay.body.text ?? ''));

  return {
    question: { reply: question, toRecruiter: questionRelay },
    answer: { relay: answered.relay, toCandidate: answerEmail, feedback },
    insult: { reply: insult, toRecruiter: insultRelay, flag: burned },
  };
}

/** A candidate's answer to `to` (an email they received), as their mail client sends it. */
async function candidateTurn(client: Client, who: Person, to: StoredEmail, body: string): Promise<ReplyView> {
  const answer = await client.inbound(
    rawReply({
      from: `${who.name} <${who.email}>`,
      to: to.replyTo[0] ?? '',
      subject: `Re: ${to.subject}`,
      inReplyTo: to.messageId,
      body,
    }),
  );
  if (answer.reply === undefined) throw new Error(`${who.name}'s turn was not recorded: ${JSON.stringify(answer)}`);
  return answer.reply;
}

async function timeline(client: Client, candidateId: string, noticeId: string): Promise<ConversationTurnView[]> {
  const view = await client.json<{
    timeline: { type: string; notice?: { id: string }; conversation?: ConversationTurnView[] }[];
  }>(`/candidates/${candidateId}`);
  const notice = view.timeline.find((e) => e.type === 'notice' && e.notice?.id === noticeId);
  return notice?.conversation ?? [];
}

export function describeTurn(turn: ConversationTurnView): string {
  const at = turn.at.slice(11, 19);
  if (turn.type === 'rejection') return `${at}  rejection → candidate (${turn.status}) "${turn.subject ?? ''}"`;
  if (turn.type === 'candidate') {
    return `${at}  candidate wrote (${turn.status}, flags ${turn.flags?.join(', ') || 'none'}): "${(turn.text ?? '').slice(0, 60)}…"`;
  }
  const who = turn.recipient === 'owner' ? `owner ${turn.to ?? ''}` : 'candidate';
  return `${at}  relay → ${who} (${turn.origin}, ${turn.status}${turn.withheld ? ', abuse withheld' : ''}) "${turn.subject ?? ''}"`;
}

/** A Greenhouse rejection whose candidate has a recruiter: the candidate's question reaches that recruiter. */
async function greenhouseOwner(
  client: Client,
  say: (line: string) => void,
  run: string,
  secret = process.env.GREENHOUSE_WEBHOOK_SECRET || LOCAL_SECRET_DEFAULTS.greenhouse,
): Promise<ConversationOutcome['greenhouse']> {
  const hector = { name: 'Hector Porter', email: `hector.${run}@example.com` };
  const linus = { name: 'Linus Reyes', email: `linus.${run}@acme.example` };
  say(`\n6. Greenhouse rejects Hector Porter; his candidate record names the recruiter Linus Reyes <${linus.email}>.`);
  const body = JSON.stringify(greenhousePayload(run, hector, linus));
  const signature = createHmac('sha256', secret).update(body).digest('hex');
  const response = await client.call('/webhooks/greenhouse', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      signature: `sha256 ${signature}`,
      'greenhouse-event-id': `gh-${run}`,
    },
    body,
  });
  if (response.status !== 202)
    throw new Error(`the Greenhouse webhook answered ${response.status}: ${await response.text()}`);
  await client.sweep();
  const rejection = await client.emailTo(hector.email, 0);
  say(`   Hector received "${rejection.subject}" and asks what fell short.`);
  const seen = await client.storeSize();
  const reply = await candidateTurn(client, hector, rejection, QUESTION);
  const toRecruiter = await client.emailTo(linus.email, seen);
  show(say, `Linus's inbox:`, toRecruiter);
  return { candidate: hector, recruiter: linus, reply, toRecruiter };
}

function greenhousePayload(run: string, candidate: Person, recruiter: Person) {
  const [first, last] = candidate.name.split(' ');
  const now = new Date().toISOString();
  return {
    action: 'reject_candidate',
    payload: {
      application: {
        id: `gh-app-${run}`,
        prospect: false,
        rejected_at: now,
        last_activity_at: now,
        rejection_reason: { id: 14, name: 'Too Junior', type: { id: 3, name: 'Wrong skill set' } },
        current_stage: { id: 2708728, name: 'Technical Interview' },
        credited_to: null,
        candidate: {
          id: `gh-cand-${run}`,
          first_name: first,
          last_name: last,
          can_email: true,
          email_addresses: [{ value: candidate.email, type: 'personal' }],
          recruiter: { id: 92120, name: recruiter.name, email: recruiter.email },
          coordinator: null,
        },
        jobs: [{ id: 371417, name: 'Platform Engineer' }],
      },
    },
  };
}
