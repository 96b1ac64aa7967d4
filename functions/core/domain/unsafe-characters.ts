/**
 * Characters no name or message needs and some readers trip on: the C0 controls and DEL (NUL ends strings in
 * mail transports and logs; the others are invisible or move the cursor in a terminal) and the bidirectional
 * overrides and isolates U+202A–U+202E, U+2066–U+2069, which make text read differently from what it says
 * ("Trojan Source": a name can show its words in another order in the dashboard and in emails).
 * Free text keeps tab and line breaks; a name or a subject is one line, so there they become spaces.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose
const UNSAFE_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/gu;
const LINE_BREAKS_AND_TABS = /[\t\n\r]+/g;

export type TextShape = 'line' | 'text';

/** The value without those characters: a line also has its tabs and line breaks turned into a space. */
export function withoutUnsafeCharacters(value: string, shape: TextShape): string {
  const cleaned = value.replace(UNSAFE_IN_TEXT, '');
  return shape === 'line' ? cleaned.replace(LINE_BREAKS_AND_TABS, ' ') : cleaned;
}

/** Whether the value holds one of them (for boundaries that refuse rather than strip, such as follow-ups). */
export function hasUnsafeCharacters(value: string, shape: TextShape): boolean {
  return withoutUnsafeCharacters(value, shape) !== value;
}
