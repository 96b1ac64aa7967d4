import { describe, expect, it } from 'vitest';
import { renderRelayEmail } from '#core/domain/relay-email.ts';
import { recruiterText } from '#core/domain/reply-text/recruiter-text.ts';
import { aRelayToRecruiter } from '#test/support/relays.ts';

const turn = aRelayToRecruiter({
  text: 'Is this job a scam? The interview felt odd.\nI would like to know who reviewed my application.',
  banner: {
    flags: ['feedback-requested'],
    evidence: 'I would like to know who reviewed my application.',
    sentiment: 'neutral',
    candidateUrl: 'https://dashboard.acme.example/#/candidates/c_ada',
  },
});
const copy = renderRelayEmail(turn).text.trimEnd();
const ANSWER = 'It is not a scam, Ada: the panel was our data team. We will call you on Monday.';
const quote = (text: string, prefix = '> ') => text.split('\n').map((l) => `${prefix}${l}`.trimEnd());
/** The copy as a client that wraps long lines keeps it. */
const wrapped = copy
  .replace(' (neutral)', '\n(neutral)')
  .replace('The candidate in the dashboard: ', 'The candidate in the dashboard:\n');
/** Every line of the candidate's words: none of them may reach the candidate again. */
const candidateLines = turn.text.split('\n');

describe("what the recruiter wrote, cut from our relay's copy", () => {
  it('removes a banner whose lines the client wrapped, kept unquoted below the answer', () => {
    const text = recruiterText(`${ANSWER}\n\n${wrapped}`, [turn]);

    expect(text).toBe(ANSWER);
  });

  it('knows the typographic apostrophe and the `|` quote prefix', () => {
    const typographic = copy.replace("Closeloop's", 'Closeloop’s');

    expect(recruiterText(`${ANSWER}\n\n${quote(typographic).join('\n')}`, [turn])).toBe(ANSWER);
    expect(recruiterText(`${ANSWER}\n\n${quote(typographic, '| ').join('\n')}`, [turn])).toBe(ANSWER);
  });

  it('removes the whole relay copy kept unquoted above the answer, the candidate’s words included', () => {
    const text = recruiterText(`${wrapped}\n\n${ANSWER}`, [turn]);

    expect(text).toBe(ANSWER);
    for (const line of [...candidateLines, '---', 'Ada Lovelace wrote:']) expect(text).not.toContain(line);
  });

  it('keeps every line of an answer written between quoted lines', () => {
    const [first = '', second = ''] = candidateLines;
    const body = [`> ${first}`, 'It is not a scam, Sam.', `> ${second}`, 'Noted, the panel was our data team.'].join(
      '\n',
    );

    expect(recruiterText(body, [turn])).toBe('It is not a scam, Sam.\nNoted, the panel was our data team.');
  });
});
