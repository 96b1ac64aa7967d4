import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLever } from '#test/support/fake-lever-server.ts';
import { type StartedStack, startStackProcess } from '#test/support/local-stack-process.ts';
import { aMail, gmailQuote } from '#test/support/mail.ts';
import { mutateBody, mutateMime, seededRandom } from '#test/support/mutations.ts';
import { reportFigures } from '#test/support/reliability-report.ts';
import { sentEmails } from '#test/support/ses-store.ts';
import {
  ashbyRequest,
  fixtureJson,
  fixtureText,
  genericRequest,
  greenhouseRequest,
  leverRequest,
  SECRETS,
  type SignedRequest,
  workableRequest,
} from '#test/support/webhook-fixtures.ts';

/** Inputs: mutated webhook bodies, each validly signed so it reaches the parsers, and mutated MIME replies. */
const WEBHOOK_INPUTS = 6_000;
const MIME_INPUTS = 4_000;
const IN_FLIGHT = 12;
/**
 * The run's bound: it fails rather than grow into the rest of the suite's time. A ceiling against a runaway (a
 * hang, a retry loop), not a speed target: runs take 55–105 s on the 2-core machine depending on its load.
 */
const TIME_BOUND_MS = 300_000;
const SEED = Number(process.env.CLOSELOOP_FUZZ_SEED ?? 20_261_120);

let stack: StartedStack;
let lever: Awaited<ReturnType<typeof startFakeLever>>;
beforeAll(async () => {
  lever = await startFakeLever({ apiKey: SECRETS['lever-api-key'] });
  stack = await startStackProcess({ env: { LEVER_API_URL: lever.url, LOG_LEVEL: 'error' } });
});
afterAll(async () => {
  await stack?.stop();
  await lever?.close();
});

type Sign = (body: string) => SignedRequest;
const leverTemplate = fixtureJson('lever/candidateArchiveChange.json');
const SOURCES: readonly { source: string; original: string; sign: Sign }[] = [
  {
    source: 'greenhouse',
    original: fixtureText('greenhouse/reject_candidate.json'),
    sign: (b) => greenhouseRequest(b),
  },
  {
    source: 'greenhouse',
    original: fixtureText('greenhouse/unreject_candidate.json'),
    sign: (b) => greenhouseRequest(b),
  },
  { source: 'ashby', original: fixtureText('ashby/applicationUpdate-archived.json'), sign: (b) => ashbyRequest(b) },
  {
    source: 'workable',
    original: fixtureText('workable/candidate_moved-disqualified.json'),
    sign: (b) => workableRequest(b),
  },
  {
    source: 'generic',
    original: fixtureText('generic/decision-rejected.json'),
    sign: (b) => genericRequest(b, { at: new Date() }),
  },
  {
    // Lever signs only token + triggeredAt: the mutated `data` is what reaches its parser (and the fake Lever API).
    source: 'lever',
    original: JSON.stringify(leverTemplate.data),
    sign: (b) => {
      let data: unknown;
      try {
        data = JSON.parse(b);
      } catch {
        data = b;
      }
      return leverRequest(leverTemplate, {
        token: `fuzz-${Math.random()}`,
        at: new Date(),
        data: data as Record<string, unknown>,
      });
    },
  },
];

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
}

/** Runs `count` jobs with at most `limit` at once. */
async function pool(count: number, limit: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < count) await job(next++);
    }),
  );
}

describe('fuzz: 10,000 mutated webhook bodies and MIME messages against npm start', () => {
  it(
    'never answers 5xx, never crashes, and keeps answering /health',
    async () => {
      const started = Date.now();
      const random = seededRandom(SEED);
      const statuses = new Map<string, number>();
      const failures: { input: string; status: number; body: string }[] = [];
      const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);

      // Real replies to real notices, so mutated messages also reach correlation, classification and flags.
      const decisions = await fetch(`${stack.api}/decisions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` },
        body: JSON.stringify({
          decisions: Array.from({ length: 5 }, (_, i) => ({
            source: 'manual',
            applicationId: `fuzz-${i}`,
            decision: 'rejected',
            reason: 'position-filled',
            stage: 'interview',
            decidedAt: '2026-11-20T10:00:00Z',
            job: { id: 'job-1', title: 'Analytical Engineer' },
            candidate: { name: `Candidate ${i}`, email: `candidate${i}@example.com` },
          })),
        }),
      });
      expect(decisions.status).toBe(202);
      await fetch(`${stack.api}/local/sweep?now=2030-01-01T00:00:00Z`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.token}` },
      });
      const replyTos = (await sentEmails(stack)).flatMap((e) => e.replyTo);
      expect(replyTos).toHaveLength(5);
      const mimeOriginals = replyTos.flatMap((replyTo, i) => [
        aMail({
          from: `Candidate ${i} <candidate${i}@example.com>`,
          to: replyTo,
          body: `Thank you for letting me know, I would love to hear about future roles.\n\n${gmailQuote('Dear Candidate,\nthank you for your interest.')}`,
        }),
        aMail({
          from: `candidate${i}@example.com`,
          to: replyTo,
          contentType: 'multipart/alternative; boundary="b1"',
          body: '--b1\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nThis process was a joke and so are you=2E\n--b1\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\nPHA+VGhpcyBwcm9jZXNzIHdhcyBhIGpva2U8L3A+\n--b1--\n',
        }),
        aMail({
          from: `candidate${i}@example.com`,
          to: replyTo,
          headers: { 'Auto-Submitted': 'auto-replied' },
          contentType: 'multipart/mixed; boundary="m"',
          body: '--m\nContent-Type: text/plain\n\nOut of office.\n--m\nContent-Type: application/pdf; name="cv.pdf"\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQKJcfs\n--m--\n',
        }),
      ]);

      /** A 5xx, or no answer at all, is a failure; it is kept with the start of what was sent. */
      const send = async (input: string, sent: string, request: Promise<Response>) => {
        try {
          const response = await request;
          const text = await response.text();
          count(`${input} ${response.status}`);
          if (response.status >= 500)
            failures.push({ input, status: response.status, body: `${text.slice(0, 300)} ← ${sent.slice(0, 300)}` });
        } catch (e: unknown) {
          count(`${input} no answer`);
          failures.push({
            input,
            status: 0,
            body: `${e instanceof Error ? `${e.message} ${String(e.cause)}` : String(e)} ← ${sent.slice(0, 300)}`,
          });
        }
      };

      await pool(WEBHOOK_INPUTS, IN_FLIGHT, async () => {
        const { source, original, sign } = pick(random, SOURCES);
        const request = sign(mutateBody(original, random));
        await send(
          source,
          request.body,
          fetch(`${stack.api}/webhooks/${source}`, { method: 'POST', headers: request.headers, body: request.body }),
        );
      });
      const webhookMs = Date.now() - started;
      await pool(MIME_INPUTS, IN_FLIGHT, async () => {
        const raw = mutateMime(pick(random, mimeOriginals), random);
        await send(
          'mime',
          new TextDecoder().decode(raw),
          fetch(`${stack.api}/local/inbound`, {
            method: 'POST',
            headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${stack.token}` },
            body: Buffer.from(raw),
          }),
        );
      });

      const health = await fetch(`${stack.api}/health`);
      const elapsedMs = Date.now() - started;
      const tried = [...statuses.values()].reduce((a, b) => a + b, 0);
      reportFigures('fuzz', {
        seed: SEED,
        inputs: tried,
        webhooks: WEBHOOK_INPUTS,
        mime: MIME_INPUTS,
        answers: Object.fromEntries([...statuses.entries()].sort()),
        fiveXx: failures.length,
        seconds: Math.round(elapsedMs / 100) / 10,
        webhookSeconds: Math.round(webhookMs / 100) / 10,
      });

      expect(failures.slice(0, 5)).toEqual([]);
      expect(tried).toBe(WEBHOOK_INPUTS + MIME_INPUTS);
      expect(stack.process.exitCode).toBeNull();
      expect(health.status).toBe(200);
      expect(elapsedMs).toBeLessThan(TIME_BOUND_MS);
    },
    TIME_BOUND_MS + 30_000,
  );
});
