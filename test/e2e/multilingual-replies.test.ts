import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReplyView, rawReply, storyClient } from '#cli/demo-story.ts';
import { type StartedStack, startStackProcess } from '#test/support/local-stack-process.ts';

/**
 * Issue 16 end to end on `npm start` with the real local classifier: German, French and Spanish candidates get
 * their rejection in their language and answer it; nobody tells the classifier which language they wrote in.
 */
interface Case {
  readonly key: string;
  readonly locale: 'de' | 'fr' | 'es';
  readonly text: string;
  readonly flags: readonly string[];
}

const CASES: readonly Case[] = [
  { key: 'de-abuse', locale: 'de', text: 'Peinlich und inkompetent, ein Haufen Clowns.', flags: ['bridge-burned'] },
  {
    key: 'de-warm',
    locale: 'de',
    text: 'Vielen Dank für die faire Absage! Ich würde mich freuen, wenn wir in Kontakt bleiben.',
    flags: ['warm'],
  },
  {
    key: 'de-feedback',
    locale: 'de',
    text: 'Könnten Sie mir sagen, woran es gelegen hat?',
    flags: ['feedback-requested'],
  },
  {
    key: 'de-complaint',
    locale: 'de',
    text: 'Schade, ich bin enttäuscht. Das Verfahren hat sehr lange gedauert.',
    flags: [],
  },
  { key: 'fr-abuse', locale: 'fr', text: 'Quelle arnaque, vous êtes des escrocs.', flags: ['bridge-burned'] },
  {
    key: 'fr-warm',
    locale: 'fr',
    text: 'Merci beaucoup pour votre retour. Au plaisir de rester en contact !',
    flags: ['warm'],
  },
  { key: 'fr-feedback', locale: 'fr', text: 'Pourriez-vous me dire ce qui a manqué ?', flags: ['feedback-requested'] },
  // Our email offered feedback ("reply and we will share it"): a bare yes asks for it.
  { key: 'fr-yes', locale: 'fr', text: 'Oui, volontiers !', flags: ['feedback-requested'] },
  { key: 'es-abuse', locale: 'es', text: 'Son ustedes unos imbéciles. Qué estafa.', flags: ['bridge-burned'] },
  {
    key: 'es-warm',
    locale: 'es',
    text: 'Muchas gracias por su amabilidad. Ténganme en cuenta para futuras oportunidades.',
    flags: ['warm'],
  },
  { key: 'es-feedback', locale: 'es', text: '¿Podría decirme qué me faltó?', flags: ['feedback-requested'] },
  { key: 'es-complaint', locale: 'es', text: 'Qué pena. El proceso fue demasiado largo.', flags: [] },
];

let stack: StartedStack;
const replies = new Map<string, ReplyView & { language?: string }>();
const candidates = new Map<string, string>();

beforeAll(async () => {
  stack = await startStackProcess();
  const client = storyClient({ api: stack.api, ses: stack.ses, token: stack.token });
  const run = randomBytes(3).toString('hex');
  const email = (c: Case) => `${c.key}.${run}@example.com`;
  for (const c of CASES) {
    const decision = await client.json<{ candidateId: string }>(
      '/decisions',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          source: 'manual',
          applicationId: `i16-${c.key}-${run}`,
          decision: 'rejected',
          reason: 'position-filled',
          stage: 'interview',
          decidedAt: new Date().toISOString(),
          feedbackOffered: true,
          job: { id: 'job-i16', title: 'Data Engineer' },
          candidate: { name: `Candidate ${c.key}`, email: email(c), locale: c.locale },
        }),
      },
      [200, 202],
    );
    candidates.set(c.key, decision.candidateId);
  }
  await client.json('/local/sweep?now=2030-01-01T00:00:00Z', { method: 'POST' });
  const sent = await client.sentEmails();
  for (const c of CASES) {
    const received = sent.filter((e) => e.destination.to.includes(email(c))).at(-1);
    if (received === undefined) throw new Error(`nothing was sent to ${c.key}`);
    const { reply } = await client.json<{ reply: ReplyView & { language?: string } }>('/local/inbound', {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: rawReply({
        from: `Candidate ${c.key} <${email(c)}>`,
        to: received.replyTo[0] ?? '',
        subject: `Re: ${received.subject}`,
        inReplyTo: received.messageId,
        body: `${c.text}\n\n> ${(received.body.text ?? '').split('\n').slice(0, 6).join('\n> ')}`,
      }),
    });
    replies.set(c.key, reply);
  }
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('replies in German, French and Spanish on npm start', () => {
  it.each(CASES.map((c) => [c.key, c] as const))('%s raises exactly the expected flags', (_key, c) => {
    const reply = replies.get(c.key);
    expect(reply?.status).toBe('classified');
    expect(reply?.text).toBe(c.text);
    expect(reply?.flags).toEqual(c.flags);
  });

  it('records the language each reply was written in', () => {
    for (const c of CASES)
      expect({ key: c.key, language: replies.get(c.key)?.language }).toEqual({ key: c.key, language: c.locale });
  });

  it('shows the abusive sentence as the evidence of bridge-burned', async () => {
    const response = await fetch(`${stack.api}/candidates/${candidates.get('de-abuse')}/flags/bridge-burned`, {
      headers: { authorization: `Bearer ${stack.token}` },
    });
    const flag = await response.json();
    expect(flag.evidence[0].sentence).toBe('Peinlich und inkompetent, ein Haufen Clowns.');
    expect(flag.evidence[0].categories).toContain('insult');
  });
});
