import { describe, expect, it } from 'vitest';
import { extractReplyText, stripQuotations } from '#core/domain/reply-text/extract-reply-text.ts';
import { SentTextIndex } from '#core/domain/reply-text/sent-text.ts';
import { gmailQuote, outlookQuote } from '#test/support/mail.ts';

const SENT = [
  'Hi Ada,',
  '',
  'Thank you for your interest in the Analytical Engineer role at Acme and for the time you gave us.',
  'After careful consideration we have decided not to move forward with your application.',
  '',
  'We wish you every success in your search.',
  '',
  'Best,',
  'Jane Doe',
  'Acme Inc., 1 Example Street, 10115 Berlin, Germany',
].join('\n');
const sent = new SentTextIndex(['Your application for Analytical Engineer at Acme', SENT]);
const REPLY = 'Thank you for letting me know.\nI would love to stay in touch.';
const keep = (body: string) => extractReplyText(body, { sent }).text;

describe('keeping only what the candidate wrote', () => {
  it.each([
    ['Gmail', `${REPLY}\n\n${gmailQuote(SENT)}`],
    ['Outlook desktop', `${REPLY}\n\n${outlookQuote(SENT, 'Your application for Analytical Engineer at Acme')}`],
    [
      'Outlook, German',
      `${REPLY}\n\nVon: Acme Talent <talent@acme.example>\nGesendet: Freitag, 20. November 2026 10:00\nAn: Ada <ada@example.com>\nBetreff: Ihre Bewerbung\n\n${SENT}`,
    ],
    [
      'Outlook, French',
      `${REPLY}\n\nDe : Acme Talent <talent@acme.example>\nEnvoyé : vendredi 20 novembre 2026 10:00\nÀ : Ada\nObjet : Votre candidature\n\n${SENT}`,
    ],
    [
      'Apple Mail',
      `${REPLY}\n\n> On 20 Nov 2026, at 10:00, Acme Talent <talent@acme.example> wrote:\n> \n${SENT.split('\n')
        .map((l) => `> ${l}`)
        .join('\n')}`,
    ],
    [
      'Thunderbird',
      `${REPLY}\n\nOn 11/20/26 10:00, Acme Talent wrote:\n${SENT.split('\n')
        .map((l) => `> ${l}`)
        .join('\n')}`,
    ],
    ['iPhone', `${REPLY}\n\nSent from my iPhone\n\n${gmailQuote(SENT)}`],
    [
      'Android',
      `${REPLY}\n\n-------- Original message --------\nFrom: Acme Talent <talent@acme.example>\nDate: 20/11/2026 10:00 (GMT+00:00)\nTo: ada@example.com\nSubject: Your application\n\n${SENT}`,
    ],
    [
      'Gmail, German',
      `${REPLY}\n\nAm Fr., 20. Nov. 2026 um 10:00 Uhr schrieb Acme Talent <\ntalent@acme.example>:\n\n${SENT.split('\n')
        .map((l) => `> ${l}`)
        .join('\n')}`,
    ],
    [
      'Gmail, French',
      `${REPLY}\n\nLe ven. 20 nov. 2026 à 10:00, Acme Talent <talent@acme.example> a écrit :\n\n${SENT.split('\n')
        .map((l) => `> ${l}`)
        .join('\n')}`,
    ],
    [
      'Gmail, Spanish',
      `${REPLY}\n\nEl vie, 20 nov 2026 a las 10:00, Acme Talent (<talent@acme.example>) escribió:\n\n${SENT.split('\n')
        .map((l) => `> ${l}`)
        .join('\n')}`,
    ],
    ['a quote with no header and no markers (cut by our own text)', `${REPLY}\n\n${SENT}`],
    ['a quote rewrapped by the client', `${REPLY}\n\n${SENT.replace(/ (consideration|success) /g, '\n$1 ')}`],
  ])('%s', (_client, body) => {
    expect(keep(body)).toBe(REPLY);
  });

  it('removes the signature but keeps a thank-you', () => {
    expect(keep('Thanks anyway!\n\nKind regards,\nAda Lovelace\n+44 20 7946 0000')).toBe('Thanks anyway!');
    expect(keep('Thanks!\n\n-- \nAda')).toBe('Thanks!');
  });

  it('does not take "As I wrote:" in the candidate’s own text for a quote header', () => {
    expect(keep('As I wrote:\nI am still interested in other roles.')).toBe(
      'As I wrote:\nI am still interested in other roles.',
    );
  });

  it('keeps an answer written between quoted lines of our email', () => {
    expect(keep(`> ${SENT.split('\n')[3]}\nWhy? I was told I was the top candidate.`)).toBe(
      'Why? I was told I was the top candidate.',
    );
  });

  it('keeps quoted history out and signatures in for the talon semantics', () => {
    expect(stripQuotations(`Test reply\n\nRegards, Roman\n\n${gmailQuote('old')}`)).toBe(
      'Test reply\n\nRegards, Roman',
    );
  });

  it('examines a bounded amount of text, whatever the input', () => {
    const hostile = `On ${'a '.repeat(200_000)}`;
    const result = extractReplyText(hostile, { sent });
    expect(result.notes).toContain('Only the first 16000 characters of the body were examined');
    expect(result.text.length).toBeLessThanOrEqual(8_000);
  });
});
