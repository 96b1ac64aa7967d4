import { describe, expect, it } from 'vitest';
import { DecisionInputSchema } from '#core/domain/decision.ts';
import { followUpTextIssues } from '#core/domain/follow-up.ts';
import { hasUnsafeCharacters, withoutUnsafeCharacters } from '#core/domain/unsafe-characters.ts';
import { aDecision } from '#test/support/builders.ts';

const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const C0_BUT_LAYOUT = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).filter(
  (c) => !['\t', '\n', '\r'].includes(c),
);

describe('withoutUnsafeCharacters', () => {
  it('drops every C0 control, DEL and bidi override or isolate from text, and keeps tab and line breaks', () => {
    const dirty = `a${C0_BUT_LAYOUT.join('')}\u007F${BIDI.join('')}b\tc\r\nd`;
    expect(withoutUnsafeCharacters(dirty, 'text')).toBe('ab\tc\r\nd');
    expect(hasUnsafeCharacters(dirty, 'text')).toBe(true);
    expect(hasUnsafeCharacters('ab\tc\r\nd', 'text')).toBe(false);
  });

  it('makes a line of a name: tabs and line breaks become one space', () => {
    expect(withoutUnsafeCharacters('Ada\r\n\tLovelace\u0000', 'line')).toBe('Ada Lovelace');
  });

  it('leaves every other letter alone: accents, scripts, emoji, the RLM/LRM marks', () => {
    const kind = 'José Ñúñez 李雷 محمد 👋 a\u200Fb';
    expect(withoutUnsafeCharacters(kind, 'line')).toBe(kind);
  });
});

describe('the decision boundary (POST /decisions and every webhook)', () => {
  it('cleans names, job titles, reasons and notes as they enter', () => {
    const parsed = DecisionInputSchema.parse(
      aDecision({
        candidate: { name: 'Ada \u202Eecalevol\u202C\u0000' },
        job: { title: 'Engineer\u0007\nLead' },
        recruiter: { name: 'Grace\u2066 Hopper\u2069' },
        reason: 'position-filled\u0000',
        personalNote: 'Line one\u001B\nLine two\u202E',
      }),
    );
    expect(parsed.candidate.name).toBe('Ada ecalevol');
    expect(parsed.job.title).toBe('Engineer Lead');
    expect(parsed.recruiter?.name).toBe('Grace Hopper');
    expect(parsed.reason).toBe('position-filled');
    expect(parsed.personalNote).toBe('Line one\nLine two');
  });

  it('refuses a name that is nothing but those characters (empty once cleaned)', () => {
    expect(DecisionInputSchema.safeParse(aDecision({ candidate: { name: '\u202E\u0000 ' } })).success).toBe(false);
  });
});

describe('follow-ups refuse rather than change what a person wrote', () => {
  it.each([
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['ESC', '\u001B'],
    ['RLO', '\u202E'],
    ['FSI', '\u2068'],
  ])('refuses %s', (_name, c) => {
    expect(followUpTextIssues(`Thanks${c} for asking`)).toMatchObject([{ field: 'text' }]);
  });

  it('takes tabs and line breaks', () => {
    expect(followUpTextIssues('Hi Ada,\r\n\tthanks.')).toEqual([]);
  });
});
