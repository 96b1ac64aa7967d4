const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/**
 * Text as the models see it. Markers that say where a text came from rather than what it says (tweet handles and
 * "RT", links, Reddit's [NAME] placeholder, Wikipedia's <url>) are removed, so the model cannot learn that a
 * corpus's formatting means "hostile" or "civil". Letters repeated three times or more are cut to two
 * ("fuuuuck" and "fuuck" are one word), and the result is lower-cased.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, decodeEntity)
    .replace(/\[name\]|<url>/gi, ' ')
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' ')
    .replace(/(^|[^\w@])@\w+:?/g, '$1 ')
    .replace(/\bRT\b:?/g, ' ')
    .replace(/#(?=\p{L})/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/(\p{L})\1{2,}/gu, '$1$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function decodeEntity(entity: string, body: string): string {
  if (body.startsWith('#')) {
    const code =
      body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
}

const TOKEN = /[\p{L}\p{N}]+(?:['*][\p{L}\p{N}]+)*|[!?.,;:]|\p{Extended_Pictographic}/gu;

/** Words (with inner apostrophes and masking stars, "don't", "f*ck"), emoji, and clause punctuation. */
export function tokenize(normalized: string): string[] {
  return normalized.match(TOKEN) ?? [];
}

export function isPunctuation(token: string): boolean {
  return token.length === 1 && '!?.,;:'.includes(token);
}

export interface Sentence {
  /** As written, trimmed: what a recruiter reads as evidence. */
  readonly text: string;
}

const MAX_SENTENCE_CHARS = 600;

/**
 * Splits a reply into sentences: at line breaks, and after . ! ? when the next word starts a new sentence
 * (an upper-case letter, a digit or a quote). A run-on sentence is cut into pieces of at most 600 characters
 * so that one long paragraph cannot hide a hostile phrase in a sea of civil words.
 */
export function splitSentences(text: string): Sentence[] {
  const pieces = text
    .split(/\r?\n+|(?<=[.!?]["')\]]?)\s+(?=["'([]?[\p{Lu}\p{N}¿¡])/u)
    .map((piece) => piece.replace(/\s+/g, ' ').trim())
    .filter((piece) => /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(piece));
  return pieces.flatMap((piece) => chunk(piece)).map((sentenceText) => ({ text: sentenceText }));
}

function chunk(piece: string): string[] {
  if (piece.length <= MAX_SENTENCE_CHARS) return [piece];
  const out: string[] = [];
  let rest = piece;
  while (rest.length > MAX_SENTENCE_CHARS) {
    const cut = rest.lastIndexOf(' ', MAX_SENTENCE_CHARS);
    const at = cut > MAX_SENTENCE_CHARS / 2 ? cut : MAX_SENTENCE_CHARS;
    out.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest.length > 0) out.push(rest);
  return out;
}
