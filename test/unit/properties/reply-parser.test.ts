import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MailparserInboundParser } from '#adapters/mime/mailparser-inbound-parser.ts';
import { extractReplyText, MAX_REPLY_CHARS } from '#core/domain/reply-text/extract-reply-text.ts';
import { SentTextIndex } from '#core/domain/reply-text/sent-text.ts';
import { aMail, gmailQuote, outlookQuote } from '#test/support/mail.ts';

/**
 * Properties of the reply parser and quote stripper for arbitrary text: it never throws, never hands back a
 * passage of our own email, and taking the reply out of an already-stripped reply changes nothing.
 */
const OUR_EMAIL = [
  'Hi Ada,',
  '',
  'Thank you for your interest in the Analytical Engineer role at Acme and for the time you gave us.',
  'After careful consideration we have decided not to move forward with your application.',
  'We were impressed by the thought you put into the take-home exercise.',
  '',
  'We wish you every success in your search.',
  '',
  'Best,',
  'Jane Doe',
  'Acme Inc., 1 Example Street, 10115 Berlin, Germany',
].join('\n');
const SUBJECT = 'Your application for Analytical Engineer at Acme';
const sent = new SentTextIndex([SUBJECT, OUR_EMAIL]);

/** Candidates write sentences of ordinary words, in any case, with punctuation and blank lines. */
const sentence = fc
  .array(
    fc.constantFrom(
      'thank',
      'you',
      'I',
      'really',
      'enjoyed',
      'the',
      'process',
      'please',
      'keep',
      'me',
      'in',
      'mind',
      'for',
      'future',
      'roles',
      'why',
      'was',
      'my',
      'application',
      'rejected',
      'disappointed',
      'team',
      'feedback',
      'would',
      'help',
      'Danke',
      'merci',
      'gracias',
    ),
    {
      minLength: 3,
      maxLength: 14,
    },
  )
  .map((w) => `${w.join(' ')}${'.!?'[w.length % 3]}`);
const candidateText = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((s) => s.join('\n'));

/** The ways mail clients put our email under the answer. */
const quoted = fc.constantFrom(
  (text: string) => gmailQuote(text),
  (text: string) => outlookQuote(text, SUBJECT),
  (text: string) =>
    `-----Original Message-----\nFrom: Acme Talent <talent@acme.example>\nSubject: ${SUBJECT}\n\n${text}`,
  (text: string) =>
    `On 20 Nov 2026, at 10:00, Acme Talent <talent@acme.example> wrote:\n\n${text
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\n')}`,
  (text: string) => text,
);

/** The longest run of consecutive words shared with our email: above a few words, it is our text. */
const leak = (text: string) => sent.longestSharedRun(text);

describe('the reply parser, for any message', () => {
  it('never throws, and keeps a bounded text, on arbitrary bodies', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'grapheme', maxLength: 3000 }), fc.string({ unit: 'binary', maxLength: 3000 })),
        (body) => {
          const { text, notes } = extractReplyText(body, { sent });
          expect(typeof text).toBe('string');
          expect(text.length).toBeLessThanOrEqual(MAX_REPLY_CHARS);
          expect(Array.isArray(notes)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never hands back a passage of our own email, however it was quoted', () => {
    fc.assert(
      fc.property(candidateText, quoted, fc.constantFrom('\n\n', '\n', '\r\n\r\n'), (answer, quote, gap) => {
        const body = `${answer}${gap}${quote(OUR_EMAIL)}`;
        const { text } = extractReplyText(body, { sent });
        expect(leak(text), text).toBeLessThan(6);
        // Our distinctive sentences are gone (what the candidate kept of theirs is the quote rules' business).
        expect(text).not.toMatch(/careful consideration|take-home exercise|every success in your search/i);
      }),
      { numRuns: 400 },
    );
  });

  it('is idempotent: stripping an already stripped reply changes nothing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          candidateText,
          candidateText.chain((a) => quoted.map((q) => `${a}\n\n${q(OUR_EMAIL)}`)),
        ),
        (body) => {
          const once = extractReplyText(body, { sent }).text;
          expect(extractReplyText(once, { sent }).text).toBe(once);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('parses any damaged MIME message without throwing: an answer or a clear refusal', async () => {
    const parser = new MailparserInboundParser();
    const original = aMail({ to: 'reply+token@replies.acme.example', body: `Thanks!\n\n${gmailQuote(OUR_EMAIL)}` });
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: original.length }),
        fc.nat({ max: 200 }),
        fc.string({ unit: 'binary', maxLength: 60 }),
        async (at, cut, insert) => {
          const damaged = Buffer.from(`${original.slice(0, at)}${insert}${original.slice(at + cut)}`);
          const parsed = await parser.parse(damaged).catch((e: unknown) => e);
          if (parsed instanceof Error) expect(parsed.message.length).toBeGreaterThan(0);
          else expect(parsed).toBeDefined();
        },
      ),
      { numRuns: 200 },
    );
  });
});
