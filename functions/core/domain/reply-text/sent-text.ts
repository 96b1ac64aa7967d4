/**
 * We know the exact text we sent, so any of it that survives the quotation rules (a client we do not know,
 * a quote without header or `>` markers) can still be cut. Matching is on words, not lines: clients rewrap,
 * re-indent and re-punctuate what they quote.
 */
const SHINGLE = 3;
/** A line with at least this many words is matched by its word triples; shorter ones must match a whole line. */
const LONG_LINE_WORDS = 4;
const OURS_RATIO = 0.8;

export function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

function shingles(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + SHINGLE <= tokens.length; i++) out.push(tokens.slice(i, i + SHINGLE).join(' '));
  return out;
}

export class SentTextIndex {
  private readonly triples = new Set<string>();
  private readonly shortLines = new Set<string>();

  constructor(texts: readonly string[]) {
    for (const text of texts) {
      for (const triple of shingles(words(text))) this.triples.add(triple);
      for (const line of text.split('\n')) {
        const w = words(line);
        if (w.length > 0 && w.length < LONG_LINE_WORDS) this.shortLines.add(w.join(' '));
      }
    }
  }

  get empty(): boolean {
    return this.triples.size === 0;
  }

  /** A line long enough to be recognized on its own, and mostly made of what we sent. */
  isOursLong(line: string): boolean {
    const w = words(line);
    if (w.length < LONG_LINE_WORDS) return false;
    const s = shingles(w);
    const hits = s.filter((t) => this.triples.has(t)).length;
    return hits / s.length >= OURS_RATIO;
  }

  /** A short line (greeting, sign-off, name) that is a whole line of what we sent. */
  isOursShort(line: string): boolean {
    const w = words(line);
    return w.length > 0 && w.length < LONG_LINE_WORDS && this.shortLines.has(w.join(' '));
  }

  /** How many consecutive words of `text`, at most, appear in what we sent (the leak measure). */
  longestSharedRun(text: string): number {
    const w = words(text);
    let best = 0;
    let run = 0;
    for (let i = 0; i + SHINGLE <= w.length; i++) {
      if (this.triples.has(w.slice(i, i + SHINGLE).join(' '))) {
        run = run === 0 ? SHINGLE : run + 1;
        best = Math.max(best, run);
      } else run = 0;
    }
    return best;
  }
}

/** Quote headers, separators and address lines that sit right above a quoted copy of our email. */
const HEADERISH =
  /(@|^\s*[-_=*]{2,}|[:：]\s*$|^\s*[*_]{0,2}[\p{L} -]{1,25}[*_]{0,2}\s*[:：]|\b(wrote|schrieb|écrit|escribió|scritto|schreef|skrev)\b)/iu;

/**
 * Cuts our own email out of what is left of a reply: from the first line that is clearly ours (with more of
 * ours, or nothing, after it) to the end, plus the header and greeting lines just above it. When that would
 * leave nothing, the candidate probably answered between quoted lines: only our lines are removed then.
 */
export function cutSentText(lines: readonly string[], index: SentTextIndex): { lines: string[]; cut: boolean } {
  if (index.empty) return { lines: [...lines], cut: false };
  const anchor = lines.findIndex((line, i) => index.isOursLong(line) && mostlyOursAfter(lines, i + 1, index));
  if (anchor < 0) return { lines: [...lines], cut: false };
  let start = anchor;
  while (start > 0) {
    const above = lines[start - 1] ?? '';
    if (above.trim() === '' || index.isOursShort(above) || index.isOursLong(above) || HEADERISH.test(above)) start--;
    else break;
  }
  const kept = lines.slice(0, start);
  if (kept.some((l) => l.trim() !== '')) return { lines: kept, cut: true };
  const interleaved = lines.filter(
    (l) => !index.isOursLong(l) && !index.isOursShort(l) && !/^\s*>/.test(l) && !HEADERISH.test(l),
  );
  return { lines: interleaved, cut: true };
}

function mostlyOursAfter(lines: readonly string[], from: number, index: SentTextIndex): boolean {
  const next = lines
    .slice(from)
    .filter((l) => l.trim() !== '')
    .slice(0, 4);
  if (next.length === 0) return true;
  const ours = next.filter((l) => index.isOursLong(l) || index.isOursShort(l) || HEADERISH.test(l)).length;
  return ours * 2 >= next.length;
}
